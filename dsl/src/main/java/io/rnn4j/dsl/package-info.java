/**
 * The YAML experiment DSL: {@link io.rnn4j.dsl.ExperimentLoader} turns an experiment file into an
 * {@link io.rnn4j.dsl.ExperimentSpec} with every default resolved, or throws one
 * {@link io.rnn4j.core.diag.ValidationException} that lists every problem of the file with its stable
 * id, file, line and column, YAML path, what was found, what is allowed and a hint.
 *
 * <p>Decisions: the file's {@code version} is checked first and an unknown version is refused, never
 * misread; YAML anchors and aliases are refused (nothing in an experiment needs them, and they are the
 * "billion laughs" vector); layer kinds and heads come from the {@link io.rnn4j.core.model.LayerKindRegistry},
 * so plugin kinds need no change here; {@code model.defaults} sets options for every layer of a kind and
 * a layer's own value wins. {@link io.rnn4j.dsl.SpecWriter} writes a spec back as YAML
 * ({@code render-config}); the output binds to an equal spec.
 */
package io.rnn4j.dsl;
