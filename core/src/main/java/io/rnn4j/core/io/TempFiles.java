package io.rnn4j.core.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The temporary file of an atomic save: created next to its target (so that the final rename stays on
 * one file system) as {@code .<target name>.<random>.tmp}, with the permissions of any new file, that
 * is {@code 0666} less the process's umask. {@link Files#createTempFile} would make it {@code 0600},
 * and the rename would carry that mode to the model, checkpoint or ONNX file, unreadable for the
 * user's group however their umask is set.
 */
public final class TempFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TempFiles() {
    }

    /**
     * A new, empty temporary file in {@code target}'s folder for a save of {@code target}.
     *
     * @throws IOException if the folder does not exist or is not writable
     */
    public static Path sibling(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        for (int attempt = 0; ; attempt++) {
            byte[] b = new byte[6];
            RANDOM.nextBytes(b);
            Path tmp = dir.resolve("." + abs.getFileName() + "." + HexFormat.of().formatHex(b) + ".tmp");
            try {
                return Files.createFile(tmp); // no attributes: the file system applies the umask
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }
}
