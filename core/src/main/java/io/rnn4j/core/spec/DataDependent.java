package io.rnn4j.core.spec;

/**
 * A layer spec with options that default to sizes of the data (for example a head's {@code classes}).
 * The trainer resolves it once the data is loaded; before that, shapes that depend on it are reported
 * as data-dependent.
 */
public interface DataDependent {

    /** A copy with every data-dependent option that the file left out filled in from {@code facts}. */
    LayerSpec resolve(DataFacts facts);
}
