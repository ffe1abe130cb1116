package io.rnn4j.it.plugin;

import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.LayerSpec;

/**
 * Options of the {@code scale} kind.
 *
 * @param init initial gain of every feature
 */
@Doc("Multiplies every feature by a learnable gain (a plugin layer kind).")
public record ScaleSpec(@Doc("Initial gain of every feature.") @Default("1.0") float init) implements LayerSpec {
}
