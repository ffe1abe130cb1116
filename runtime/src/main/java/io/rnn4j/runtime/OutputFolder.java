package io.rnn4j.runtime;

import io.rnn4j.core.Rnn4jException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A training run's claim on its output folder, held from before the first file is written until the
 * last one is: a second run into the same folder fails at once ({@code RNN4J-OUT-002}) instead of
 * leaving a mix of two runs' files.
 *
 * <p><b>The lock</b> is the file {@value #LOCK} in the folder, locked with the operating system's file
 * lock ({@link FileChannel#tryLock()}) and holding the owner's process id, host and start time. The
 * operating system releases the lock when its process ends, however it ends ({@code kill -9}, a power
 * cut), so a lock left by a dead process is never mistaken for a live one: a lock file that still names
 * a process but is not locked is stale, and the next run takes it over and says so. On release the
 * file is emptied, not deleted (deleting it would let two waiting runs lock two different files).
 *
 * <p><b>A finished run is not replaced silently</b> ({@code RNN4J-OUT-003}): a folder that already
 * holds {@code model.rnn4j} or {@code checkpoint.rnn4j} is refused unless the run continues it
 * ({@link ExistingRun#RESUME}, {@code --resume}) or replaces it ({@link ExistingRun#OVERWRITE},
 * {@code --overwrite}, which first removes the previous run's files so none of them is mistaken for the
 * new run's). This is the choice of Hugging Face Transformers ({@code --overwrite_output_dir}) and
 * Ultralytics' {@code exist_ok}: the user names the folder, and scripts and the README refer to
 * {@code out/NAME/model.rnn4j}, so a new numbered folder (PyTorch Lightning's {@code version_N}) would
 * leave the old model where the user looks for the new one.
 *
 * <p>While the folder is held, the temporary files of an interrupted save ({@code .model.rnn4j.*.tmp},
 * {@code .checkpoint.rnn4j.*.tmp}, left by {@code kill -9} during a save) are removed: no other run
 * can be writing them.
 */
public final class OutputFolder implements AutoCloseable {
    /** The lock file's name in the output folder. */
    public static final String LOCK = ".rnn4j.lock";
    /** The files a run writes besides its ONNX export; {@code --overwrite} removes them first. */
    static final List<String> RUN_FILES = runFiles();

    private static List<String> runFiles() {
        List<String> files = new ArrayList<>(List.of(ExperimentRunner.ARCHIVE, ExperimentRunner.CHECKPOINT, "metrics.csv",
                "resolved.yaml", "report.json", "loss.png", "forecast.png"));
        for (io.rnn4j.core.metrics.MetricKind k : io.rnn4j.core.metrics.MetricKind.values()) {
            files.add(k.id() + ".png"); // the CLI's chart of each metric
        }
        return List.copyOf(files);
    }

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    /** What to do with a folder that already holds a run. */
    public enum ExistingRun {
        /** Refuse ({@code RNN4J-OUT-003}); the default. */
        REFUSE,
        /** Continue it from its checkpoint ({@code --resume}). */
        RESUME,
        /** Remove its files and start afresh ({@code --overwrite}). */
        OVERWRITE
    }

    private OutputFolder(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates {@code dir} if needed, locks it, applies {@code existing} to a run already there and
     * removes temporary files of interrupted saves.
     *
     * @param notices receives what the user should know: a stale lock taken over, files removed
     * @throws Rnn4jException {@code RNN4J-OUT-001} the folder cannot be created or locked (with why);
     *                        {@code -002} another run holds it; {@code -003} it holds a run and
     *                        {@code existing} is {@link ExistingRun#REFUSE}
     */
    public static OutputFolder claim(Path dir, ExistingRun existing, Consumer<String> notices) {
        return claim(dir, existing, notices, List.of());
    }

    /**
     * As {@link #claim(Path, ExistingRun, Consumer)}, for a run that also writes {@code alsoWrites} (file names in
     * the folder, such as the ONNX export): a folder holding one of the run's files without a run of its own
     * (a user's {@code metrics.csv}, a file named as the export) is refused ({@code RNN4J-OUT-004}) unless the run
     * replaces it ({@link ExistingRun#OVERWRITE}), so nothing the user put there is written over in silence.
     */
    public static OutputFolder claim(Path dir, ExistingRun existing, Consumer<String> notices, List<String> alsoWrites) {
        Objects.requireNonNull(existing, "existing");
        create(dir);
        Path lockFile = dir.resolve(LOCK);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new Rnn4jException("RNN4J-OUT-001", "cannot create the lock file " + lockFile + " (" + why(e)
                    + "). Check that the folder is writable by this user, or choose another folder with --out.", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this process holds it already
        } catch (IOException e) {
            close(channel);
            throw new Rnn4jException("RNN4J-OUT-001", "cannot lock the output folder " + dir + " (" + why(e)
                    + "; some network file systems do not support locks). Choose a folder on a local disk with --out.", e);
        }
        String owner = read(channel);
        if (lock == null) {
            close(channel);
            throw new Rnn4jException("RNN4J-OUT-002", "another rnn4j run is writing to " + dir + " ("
                    + (owner.isBlank() ? "its lock file " + lockFile + " is locked" : owner.strip())
                    + "). Wait for it to finish, or write this run to another folder with --out.");
        }
        OutputFolder folder = new OutputFolder(dir, channel, lock);
        try {
            if (!owner.isBlank()) {
                notices.accept("took over the stale lock " + lockFile + " of a run that ended without releasing it ("
                        + owner.strip() + "; that process is no longer running)");
            }
            folder.writeOwner();
            folder.existing(existing, notices, alsoWrites);
            folder.removeInterruptedSaves(notices);
            return folder;
        } catch (RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    /** Whether {@code name} is one of the files every run writes ({@code model.rnn4j}, {@code report.json}, plots...). */
    public static boolean isRunFile(String name) {
        return RUN_FILES.contains(name);
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** Whether {@code dir} holds a run's model or checkpoint. */
    public static boolean holdsRun(Path dir) {
        return Files.exists(dir.resolve(ExperimentRunner.ARCHIVE)) || Files.exists(dir.resolve(ExperimentRunner.CHECKPOINT));
    }

    private void existing(ExistingRun existing, Consumer<String> notices, List<String> alsoWrites) {
        if (existing == ExistingRun.RESUME) {
            return;
        }
        List<String> found = new ArrayList<>();
        List<String> candidates = new ArrayList<>(RUN_FILES);
        candidates.addAll(alsoWrites);
        if (holdsRun(dir)) {
            candidates.addAll(previousArtifacts(dir)); // files a task report asked for (a rendered sample)
        }
        for (String f : candidates) {
            if (!found.contains(f) && Files.exists(dir.resolve(f), LinkOption.NOFOLLOW_LINKS)) {
                found.add(f);
            }
        }
        if (found.isEmpty()) {
            return;
        }
        if (!holdsRun(dir) && existing == ExistingRun.REFUSE) {
            throw new Rnn4jException("RNN4J-OUT-004", dir + " holds " + String.join(", ", found) + ", which this run "
                    + "writes, but no trained model or checkpoint: " + (found.size() == 1 ? "it" : "they")
                    + " would be written over. Move " + (found.size() == 1 ? "it" : "them") + " away, replace "
                    + (found.size() == 1 ? "it" : "them") + " with --overwrite, or write this run to another folder "
                    + "with --out.");
        }
        if (existing == ExistingRun.REFUSE) {
            boolean finished = Files.exists(dir.resolve(ExperimentRunner.ARCHIVE));
            throw new Rnn4jException("RNN4J-OUT-003", dir + " already holds " + (finished ? "a trained model" : "an unfinished run")
                    + " (" + String.join(", ", found) + "); a new run would replace it. Continue it with --resume, "
                    + "replace it with --overwrite, or write this run to another folder with --out.");
        }
        for (String f : found) {
            try {
                Files.deleteIfExists(dir.resolve(f));
            } catch (IOException e) {
                throw new Rnn4jException("RNN4J-OUT-001", "--overwrite: cannot remove " + dir.resolve(f) + " (" + why(e)
                        + "). Remove it yourself, or choose another folder with --out.", e);
            }
        }
        notices.accept("--overwrite: removed " + (holdsRun(dir) || found.contains(ExperimentRunner.ARCHIVE)
                || found.contains(ExperimentRunner.CHECKPOINT) ? "the previous run's " : "") + String.join(", ", found)
                + " from " + dir);
    }

    /**
     * The plain file names listed under {@code artifacts} in the folder's {@code report.json} (written by
     * {@code rnn4j train} for the files a task report asked for); none when there is no such report or it
     * cannot be read. A name with a folder part is never returned, so nothing outside the folder is removed.
     */
    static List<String> previousArtifacts(Path dir) {
        Path report = dir.resolve("report.json");
        List<String> out = new ArrayList<>();
        if (!Files.isRegularFile(report, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode a = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(report.toFile()).path("artifacts");
            for (com.fasterxml.jackson.databind.JsonNode n : a) {
                String f = n.asText();
                Path p = Path.of(f);
                if (n.isTextual() && !f.isBlank() && p.getNameCount() == 1 && !p.isAbsolute() && !f.equals("..")
                        && !f.equals(".") && !f.equals(LOCK)) {
                    out.add(f);
                }
            }
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return out; // a damaged report: only the fixed run files are removed
        }
        return out;
    }

    private void removeInterruptedSaves(Consumer<String> notices) {
        List<String> removed = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                boolean ours = name.startsWith("." + ExperimentRunner.ARCHIVE + ".")
                        || name.startsWith("." + ExperimentRunner.CHECKPOINT + ".");
                if (ours && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(p);
                    removed.add(name);
                }
            }
        } catch (IOException e) {
            notices.accept("could not remove the temporary files of an interrupted save in " + dir + ": " + why(e));
            return;
        }
        if (!removed.isEmpty()) {
            notices.accept("removed " + removed.size() + " temporary " + (removed.size() == 1 ? "file" : "files")
                    + " of an interrupted save from " + dir + " (" + String.join(", ", removed) + ")");
        }
    }

    private void writeOwner() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        String text = "pid " + ProcessHandle.current().pid() + " on " + host + ", started " + Instant.now() + "\n";
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lock file " + dir.resolve(LOCK), e);
        }
    }

    private static String read(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
            channel.read(b, 0);
            return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void create(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new Rnn4jException("RNN4J-OUT-001", "cannot use " + dir + " as the output folder: it is a file, not a "
                    + "folder. Choose a folder with --out (it is created if it does not exist).");
        }
        for (Path p = dir.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new Rnn4jException("RNN4J-OUT-001", "cannot create the output folder " + dir + ": " + p
                            + " is a file, not a folder. Choose another folder with --out.");
                }
                break;
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw new Rnn4jException("RNN4J-OUT-001", "cannot create the output folder " + dir + ": "
                    + e.getFile() + " is a file, not a folder. Choose another folder with --out.", e);
        } catch (IOException e) {
            throw new Rnn4jException("RNN4J-OUT-001", "cannot create the output folder " + dir + " (" + why(e)
                    + "). Choose another folder with --out.", e);
        }
    }

    /** An I/O error in words: {@code permission denied: /x}, not a class name. */
    static String why(IOException e) {
        String kind = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
                : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        String file = e instanceof java.nio.file.FileSystemException f && f.getFile() != null ? f.getFile() : null;
        return file == null || kind.contains(file) ? kind : kind + ": " + file;
    }

    /** Releases the lock and empties the lock file (see the class comment for why it stays). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                channel.truncate(0);
                lock.release();
            }
        } catch (IOException e) {
            // the lock goes with the channel below
        } finally {
            close(channel);
        }
    }

    private static void close(FileChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing to do: closing releases the lock either way
        }
    }
}
