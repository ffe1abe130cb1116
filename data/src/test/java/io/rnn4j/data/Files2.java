package io.rnn4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small test files. */
final class Files2 {
    private Files2() {
    }

    /** Writes {@code lines} joined by newlines (with a final newline) to {@code dir/name}. */
    static Path write(Path dir, String name, String... lines) {
        Path p = dir.resolve(name);
        try {
            Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The repository's examples/data folder, found from the working directory upwards. */
    static Path exampleData() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path d = p.resolve("examples/data");
            if (Files.isDirectory(d)) {
                return d;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("examples/data not found above " + Path.of("").toAbsolutePath());
    }
}
