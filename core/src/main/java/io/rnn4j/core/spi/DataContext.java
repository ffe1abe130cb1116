package io.rnn4j.core.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a data kind needs besides its options to load files.
 *
 * @param baseDir the experiment file's directory, against which the spec's paths are resolved
 * @param seed    the experiment's seed (for shuffled splits)
 */
public record DataContext(Path baseDir, long seed) {
    /** Checks for null. */
    public DataContext {
        Objects.requireNonNull(baseDir, "baseDir");
    }

    /** A path of the spec, resolved against {@link #baseDir()}. */
    public Path resolve(String path) {
        return baseDir.resolve(path).normalize();
    }
}
