/**
 * The composition root of the rnn4j application and what runs an experiment: {@link io.rnn4j.runtime.Plugins}
 * discovers backends, layer kinds and data kinds through the one {@link io.rnn4j.core.PluginRegistry}
 * mechanism; {@link io.rnn4j.runtime.Rnn4jModule} binds them (and map bindings by id) for Guice. Guice lives
 * only here (and in the CLI); every library class takes its collaborators in its constructor and works
 * without Guice.
 *
 * <p>The runner, the model loader and the model service never look at which kind of data an experiment
 * has: they ask its {@link io.rnn4j.core.spi.DataKind} and the model's
 * {@link io.rnn4j.core.spi.DataPipeline} (restored from the archive alone) to load, encode, decode, report,
 * generate ({@link io.rnn4j.core.spi.TokenGenerator}) and forecast ({@link io.rnn4j.core.spi.Forecaster}).
 * Generation steps the recurrent state one token at a time ({@code Stepper}).
 *
 * <p>An experiment with a {@code distributed:} section is trained through the
 * {@link io.rnn4j.runtime.spi.DistributedEngine} its engine names ({@link io.rnn4j.runtime.EngineRegistry});
 * the runner still initialises, checkpoints, resumes, evaluates and writes the outputs.
 */
package io.rnn4j.runtime;
