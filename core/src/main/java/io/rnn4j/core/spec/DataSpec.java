package io.rnn4j.core.spec;

/**
 * The options of the {@code data:} section: one record per data kind, chosen by {@code type:} and
 * bound by the DSL to the kind's {@link io.rnn4j.core.spi.DataKind#specType() spec type}. The record
 * is annotated with {@link Variant} (its kind's id) and documented with {@link Doc}, {@link Default},
 * {@link Range} and {@link Required} like a layer's options.
 *
 * <p>Every kind reads a training file and may hold out validation and test splits as a fraction of it
 * or as other files; paths are relative to the experiment file's directory.
 */
@Polymorphic(key = "type")
public interface DataSpec {

    /** The training file, as written (relative to the experiment file). */
    String train();

    /** The validation split (a fraction or a file), or {@code null}. */
    SplitSource validation();

    /** The test split (a fraction or a file), or {@code null}. */
    SplitSource test();
}
