package io.rnn4j.data.tunes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code abc2midi} (Debian's {@code abcmidi} package) on one tune: the judge of whether generated
 * ABC is music a musician's tool can read.
 *
 * <p>{@code abc2midi} exits with status 0 even when it reports errors, so a tune counts as parsed when
 * the tool ran, printed no line starting with {@code Error}, and wrote the MIDI file. Warnings (a bar
 * of the wrong length, a slur within a slur) are kept apart: bar lengths are the {@link BarChecker}'s
 * business.
 */
public final class Abc2Midi {
    private final Path executable;

    /**
     * What {@code abc2midi} said about one tune.
     *
     * @param errors   its {@code Error ...} lines
     * @param warnings its {@code Warning ...} lines
     * @param midi     whether it wrote the MIDI file
     */
    public record Result(List<String> errors, List<String> warnings, boolean midi) {
        /** Copies. */
        public Result {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }

        /** Parsed without errors and a MIDI file was written. */
        public boolean parsed() {
            return errors.isEmpty() && midi;
        }
    }

    /** Uses the given executable. */
    public Abc2Midi(Path executable) {
        this.executable = executable;
    }

    /** {@code abc2midi} from the {@code PATH}, if it is installed ({@code apt-get install abcmidi}). */
    public static Optional<Abc2Midi> find() {
        return find(System.getenv("PATH"));
    }

    /**
     * {@code abc2midi} from the folders of {@code path} (in the form of the {@code PATH} variable, folders
     * separated by {@link File#pathSeparator}): the first regular, executable file of that name.
     */
    public static Optional<Abc2Midi> find(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "abc2midi");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(new Abc2Midi(p));
            }
        }
        return Optional.empty();
    }

    /**
     * Converts one tune.
     *
     * @param abc  the tune's text, header and body
     * @param midi where to write the MIDI file (its folder must exist)
     * @throws IOException if the tool cannot be started or takes longer than 20 seconds
     */
    public Result convert(String abc, Path midi) throws IOException {
        Path in = Files.createTempFile("rnn4j-tune", ".abc");
        try {
            Files.writeString(in, abc.endsWith("\n") ? abc : abc + "\n", StandardCharsets.UTF_8);
            Files.deleteIfExists(midi);
            Process p = new ProcessBuilder(executable.toString(), in.toString(), "-o", midi.toString())
                    .redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(executable + " did not finish within 20 s on " + in);
            }
            return parseOutput(new String(out, StandardCharsets.UTF_8), Files.isRegularFile(midi) && Files.size(midi) > 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + executable, e);
        } finally {
            Files.deleteIfExists(in);
        }
    }

    /** The errors and warnings in {@code abc2midi}'s output. */
    static Result parseOutput(String output, boolean midi) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String line : output.split("\n")) {
            String l = line.strip();
            if (l.startsWith("Error")) {
                errors.add(l);
            } else if (l.startsWith("Warning")) {
                warnings.add(l);
            }
        }
        return new Result(errors, warnings, midi);
    }

    @Override
    public String toString() {
        return executable.toString();
    }
}
