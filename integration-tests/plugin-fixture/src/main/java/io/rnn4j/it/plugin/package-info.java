/**
 * A third-party plugin, as small as one can be: the {@code scale} layer kind (a learnable per-feature
 * gain) and the {@code counting} backend (the reference backend's primitives, counting matrix
 * products). It depends only on {@code rnn4j-core} (and on the reference backend, which the counting
 * backend delegates to), and reaches rnn4j only through {@code META-INF/services}.
 */
package io.rnn4j.it.plugin;
