package io.rnn4j.core.ctc;

import java.util.Locale;

/** How per-frame CTC scores become a label sequence. */
public enum CtcDecoding {
    /**
     * Best path: the most likely output at every frame, then repeats collapsed and blanks dropped. Fast;
     * not always the most likely label sequence, because a sequence's probability is summed over all its
     * alignments.
     */
    GREEDY,
    /**
     * Prefix beam search (Hannun et al., 2014): keeps the {@code beam_width} most likely label prefixes,
     * each with the summed probability of its alignments ending in a blank and in a label. Exact when the
     * beam holds every prefix.
     */
    BEAM;

    /** The id used in YAML and output records ({@code greedy}, {@code beam}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
