package io.rnn4j.data.tunes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Judges a set of tunes as a musician's tools would: the share that {@code abc2midi} parses without
 * errors, and the share whose bars all match the meter ({@link BarChecker}).
 */
public final class TuneJudge {
    private final Optional<Abc2Midi> abc2midi;

    /**
     * The verdict on a set of tunes.
     *
     * @param tunes   how many were judged
     * @param parsed  how many {@code abc2midi} parsed without errors; {@code -1} when it is not installed
     * @param metered how many have every bar as long as the meter says
     */
    public record Verdict(int tunes, int parsed, int metered) {
        /** The share parsed by {@code abc2midi}, or NaN when it is not installed. */
        public double parsedShare() {
            return parsed < 0 || tunes == 0 ? Double.NaN : (double) parsed / tunes;
        }

        /** The share with every bar matching the meter. */
        public double meteredShare() {
            return tunes == 0 ? Double.NaN : (double) metered / tunes;
        }
    }

    /** A judge with {@code abc2midi} if it is given, the bar checker always. */
    public TuneJudge(Optional<Abc2Midi> abc2midi) {
        this.abc2midi = abc2midi;
    }

    /** Whether {@code abc2midi} takes part. */
    public boolean hasAbc2Midi() {
        return abc2midi.isPresent();
    }

    /**
     * Judges {@code tunes}.
     *
     * @param midiFolder where {@code abc2midi} writes its files ({@code tune-<i>.mid}); {@code null} for a
     *                   temporary folder that is deleted afterwards
     */
    public Verdict judge(List<AbcTune> tunes, Path midiFolder) {
        int metered = 0;
        int parsed = 0;
        try {
            Path dir = midiFolder == null ? Files.createTempDirectory("rnn4j-midi") : Files.createDirectories(midiFolder);
            for (int i = 0; i < tunes.size(); i++) {
                AbcTune t = tunes.get(i);
                if (BarChecker.check(t).conforms()) {
                    metered++;
                }
                if (abc2midi.isPresent()) {
                    Path mid = dir.resolve("tune-" + i + ".mid");
                    if (abc2midi.get().convert(t.toAbc(), mid).parsed()) {
                        parsed++;
                    }
                    if (midiFolder == null) {
                        Files.deleteIfExists(mid);
                    }
                }
            }
            if (midiFolder == null) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("running abc2midi: " + e.getMessage(), e);
        }
        return new Verdict(tunes.size(), abc2midi.isPresent() ? parsed : -1, metered);
    }
}
