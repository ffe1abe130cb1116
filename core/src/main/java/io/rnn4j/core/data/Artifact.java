package io.rnn4j.core.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A file that a report asks to be written into the run's output folder next to {@code report.json}
 * (a generated tune rendered as MIDI, for example). The report carries the bytes and a plain file name;
 * the caller that owns the folder ({@code rnn4j train}) writes them, so a data kind never touches the
 * output folder itself and cannot write outside it.
 *
 * @param file        a plain file name in the output folder, such as {@code sample.mid}: no folder part
 * @param description what the file holds, shown when it is written
 * @param content     the file's bytes
 */
public record Artifact(String file, String description, byte[] content) {
    /** Checks that {@code file} is a plain file name and copies the content. */
    public Artifact {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(content, "content");
        if (file.isBlank() || file.equals(".") || file.equals("..") || file.contains("/") || file.contains("\\")
                || file.chars().anyMatch(c -> c < 0x20 || c == ':')) {
            throw new IllegalArgumentException("an artifact's file must be a plain file name such as sample.mid (no "
                    + "folder, no ':' or control characters), was \"" + file + "\"");
        }
        content = content.clone();
    }

    /** A copy of the file's bytes. */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The number of bytes. */
    public int size() {
        return content.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Artifact a && a.file.equals(file) && a.description.equals(description)
                && Arrays.equals(a.content, content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, description, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "Artifact[" + file + ", " + content.length + " bytes: " + description + "]";
    }
}
