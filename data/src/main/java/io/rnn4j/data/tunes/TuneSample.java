package io.rnn4j.data.tunes;

import io.rnn4j.core.data.Artifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One generated tune to listen to, as files for the run's output folder: {@value #ABC} always (when a
 * tune was generated), and {@value #MIDI} rendered by {@code abc2midi} when it is installed. The tune is
 * the first generated one that {@code abc2midi} parses without errors (the first generated one when none
 * does, or when the tool is missing), so that the MIDI file is one a player reads.
 *
 * @param tune  the chosen tune as ABC, or empty when none was generated
 * @param midi  {@value #MIDI} when it was rendered, else why not (a sentence that starts with "not written")
 * @param files {@value #ABC} and, when rendered, {@value #MIDI}
 */
public record TuneSample(String tune, String midi, List<Artifact> files) {
    /** The file of the chosen tune in ABC. */
    public static final String ABC = "sample.abc";
    /** The file of the chosen tune rendered as MIDI. */
    public static final String MIDI = "sample.mid";

    /** Copies. */
    public TuneSample {
        files = List.copyOf(files);
    }

    /**
     * Chooses and renders a tune of {@code generated}.
     *
     * @param tool {@code abc2midi}, or empty when it is not installed (then no MIDI file, and {@link #midi()}
     *             says how to install it)
     * @throws UncheckedIOException when {@code abc2midi} cannot be run or its MIDI file cannot be read
     */
    public static TuneSample render(List<AbcTune> generated, Optional<Abc2Midi> tool) {
        if (generated.isEmpty()) {
            return new TuneSample("", "not written: every generated tune was empty", List.of());
        }
        if (tool.isEmpty()) {
            String abc = generated.get(0).toAbc();
            return new TuneSample(abc, "not written: abc2midi is not installed (apt-get install abcmidi); " + ABC
                    + " holds the tune", List.of(abcFile(abc, "the first generated tune")));
        }
        try {
            Path dir = Files.createTempDirectory("rnn4j-sample");
            Path mid = dir.resolve(MIDI);
            try {
                for (int i = 0; i < generated.size(); i++) {
                    String abc = generated.get(i).toAbc();
                    if (tool.get().convert(abc, mid).parsed()) {
                        String which = "generated tune " + (i + 1) + " of " + generated.size()
                                + ", the first that abc2midi parses without errors";
                        return new TuneSample(abc, MIDI, List.of(abcFile(abc, which),
                                new Artifact(MIDI, which + ", rendered by " + tool.get(), Files.readAllBytes(mid))));
                    }
                }
            } finally {
                Files.deleteIfExists(mid);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rendering a generated tune with " + tool.get() + ": " + e.getMessage(), e);
        }
        String abc = generated.get(0).toAbc();
        return new TuneSample(abc, "not written: abc2midi parsed none of the " + generated.size()
                + " generated tunes without errors; " + ABC + " holds the first", List.of(abcFile(abc,
                "the first generated tune")));
    }

    private static Artifact abcFile(String abc, String which) {
        return new Artifact(ABC, which + ", in ABC notation", abc.getBytes(StandardCharsets.UTF_8));
    }
}
