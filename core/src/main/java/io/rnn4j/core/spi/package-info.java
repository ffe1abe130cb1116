/**
 * The service-provider interfaces: execution backends, layer kinds and data kinds. A plugin author
 * implements this package and nothing else; every kind of plugin is found by the one
 * {@link io.rnn4j.core.PluginRegistry} mechanism (a {@code META-INF/services} entry; two plugins with one
 * id fail with {@code RNN4J-PLUGIN-002} naming both jars; what is found is logged with version and jar).
 *
 * <h2>Writing a backend</h2>
 * <ol>
 *   <li>Implement {@link io.rnn4j.core.spi.BackendProvider}: an {@code id}, a {@code priority}, a cheap
 *       {@code isAvailable()} (does the native library load? is this the right CPU?) and a lazy
 *       {@code create(BackendOptions)}. Register the class in
 *       {@code META-INF/services/io.rnn4j.core.spi.BackendProvider}.</li>
 *   <li>Implement {@link io.rnn4j.core.spi.Backend}: declare {@link io.rnn4j.core.spi.Capability
 *       capabilities} and the primitive operations. Every primitive works on
 *       {@link io.rnn4j.core.spi.MatrixView}s, BLAS-style windows of {@code float[]} buffers with a
 *       row stride, so the layer math in {@code rnn4j-layers} can address a gate's columns or one time
 *       step's rows without copying. Semantics of each primitive are in its Javadoc; the reference
 *       backend ({@code rnn4j-backend-cpu}) is a plain implementation of exactly those semantics.
 *       {@link io.rnn4j.core.spi.MatrixChecks} validates arguments with the same messages rnn4j's own
 *       backends give; {@link io.rnn4j.core.spi.ForwardingBackend} is the base for a backend that
 *       decorates or delegates to another one.</li>
 *   <li>Optionally return a fused {@link io.rnn4j.core.spi.RecurrentKernel} from
 *       {@link io.rnn4j.core.spi.Backend#recurrentKernel(io.rnn4j.core.spi.CellKind)}: a whole-sequence
 *       forward and backward for one direction of one layer. Where a backend returns none, the layers
 *       compose the primitives, so a backend with primitives alone is complete.</li>
 *   <li>Extend {@code io.rnn4j.testkit.BackendConformanceSuite} in a test class of your plugin (one
 *       line) with {@code rnn4j-backend-cpu} on the test class path: it checks every primitive and every
 *       fused kernel against the reference backend, and the layers built on your backend against PyTorch
 *       reference outputs and gradients.</li>
 * </ol>
 *
 * <h2>Writing a data kind</h2>
 * A data kind is everything a kind of data means to rnn4j; the runtime and the command line only ever ask
 * it. {@code integration-tests/plugin-fixture}'s {@code VectorRowsKind} is a complete one in 300 lines.
 * <ol>
 *   <li>Write the options as a record implementing {@link io.rnn4j.core.spec.DataSpec}, annotated
 *       {@code @Variant("your_id")} and documented with {@code @Doc}, {@code @Default}, {@code @Range},
 *       {@code @Required}. The DSL binds {@code data: {type: your_id, ...}} to it with located errors and
 *       "did you mean", the JSON Schema, {@code render-config} and {@code inspect} show it, with no change
 *       to rnn4j. Paths are as written, relative to the experiment file
 *       ({@link io.rnn4j.core.spi.DataContext#resolve(String)}).</li>
 *   <li>Implement {@link io.rnn4j.core.spi.DataKind} and list it in
 *       {@code META-INF/services/io.rnn4j.core.spi.DataKind}. Before any file is read the kind answers
 *       what the model receives ({@code inputType}: token ids or a sequence of features, sizes
 *       {@code UNKNOWN} where only the data knows them), and, if the options tell, what it predicts
 *       ({@code outputKind}: the head is checked against it), its fixed sequence length (checks
 *       {@code tbptt}) and its default metrics (metric names such as {@code early_stopping.monitor} are
 *       checked against them when the file is validated).</li>
 *   <li>{@code load} reads the files (every problem an {@link io.rnn4j.core.Rnn4jException} with file,
 *       line and column, what was found and how to fix it), splits them, fits what is fitted on the
 *       training split only, and returns a {@link io.rnn4j.core.spi.LoadedData}: batches of each
 *       {@link io.rnn4j.core.train.Split} as {@link io.rnn4j.core.train.TrainBatch}es
 *       ({@code [batch, time, features]} or {@code [batch, time]} token ids with a mask; class targets as a
 *       {@code [batch]} tensor of ids, per-step targets {@code [batch, time]}, values {@code [batch, n]}),
 *       and the task's typed {@link io.rnn4j.core.data.TaskReport} (a record of figures: a baseline, errors
 *       in original units, a sample; plots it wants drawn).</li>
 *   <li>Its {@link io.rnn4j.core.spi.DataPipeline} is what a trained model keeps: the input type and the
 *       {@link io.rnn4j.core.spec.DataFacts} the graph is compiled with, the {@link io.rnn4j.core.data.Output}
 *       the head must produce, the default loss and metrics, the encoder of one user record (a JSON object
 *       in the plain JSON data model) into a {@code [steps, features]} or {@code [steps]} tensor, refusing
 *       missing or unknown fields, wrong types and shapes with a {@link io.rnn4j.core.data.RecordException}
 *       that says expected and found, and the decoder of one output row into a user record.
 *       {@code store()} returns the archive entries it needs; {@code DataKind.restore} rebuilds an equal
 *       pipeline from them alone, so a model file is all a user needs to predict, generate and export.
 *       {@code loadWith} reads new files encoded with a fitted pipeline ({@code evaluate --data});
 *       {@code DataKind.stream}, where a kind offers it, reads such a file in bounded windows
 *       ({@link io.rnn4j.core.spi.StreamedSplit}) with its report counted window by window, so that
 *       {@code evaluate}'s memory does not grow with the file and no other file is read.
 *       {@code DataKind.loadForCluster}, where a kind offers it ({@code sequences}), loads for a distributed
 *       run's driver: the same checks, splits and fitted pipeline without keeping the training split's examples,
 *       which the executors read from the file ({@link io.rnn4j.core.spi.LineExamples}).</li>
 *   <li>Optional capabilities are interfaces the pipeline implements and the runtime asks for with
 *       {@link io.rnn4j.core.spi.DataPipeline#capability(Class)}: {@link io.rnn4j.core.spi.TokenGenerator}
 *       ({@code generate --prompt}, a language model's sample) and {@link io.rnn4j.core.spi.Forecaster}
 *       ({@code generate --horizon}). A new capability (a prompt for a one-to-many decoder, top-k
 *       decoding with titles) is a new interface here and a question the runtime asks.</li>
 * </ol>
 */
package io.rnn4j.core.spi;
