package io.rnn4j.core.metrics;

import java.util.Arrays;

/**
 * The classes the ranking metrics ({@link RankingMetric}) leave out of each step's ranking, for next-item
 * recommendation where an item is never the next one twice (a user rates a film once): the items already
 * in the session. Row {@code b} of a batch of item-id inputs, at step {@code t}, leaves out the items
 * {@link #before(int) before(b)} (the session's items before the row's first step, when a long session is
 * cut into pieces) and the row's own input items at steps {@code 0..t}. A step whose target is itself left
 * out counts as a miss (rank beyond any cut-off): it is scored, and cannot be recommended.
 *
 * @param before for every row of the batch, the items given before its first step (empty for none)
 */
public record SeenItems(int[][] before) {

    /** Checks and copies. */
    public SeenItems {
        before = before.clone();
        for (int b = 0; b < before.length; b++) {
            if (before[b] == null) {
                throw new IllegalArgumentException("seen items of row " + b + " are null; use an empty array");
            }
            before[b] = before[b].clone();
        }
    }

    /** Nothing given before any row's first step: only the rows' own inputs are left out. */
    public static SeenItems inputsOnly(int batch) {
        return new SeenItems(new int[batch][0]);
    }

    /** Number of rows. */
    public int rows() {
        return before.length;
    }

    /** A copy of the items given before row {@code b}'s first step. */
    public int[] before(int b) {
        return before[b].clone();
    }

    /** The rows {@code rows} in that order (one worker's shard of a batch). */
    public SeenItems rows(int[] rows) {
        int[][] out = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = before[rows[i]];
        }
        return new SeenItems(out);
    }

    /** Read-only access for the metrics in this package. */
    int[] beforeRef(int b) {
        return before[b];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeenItems s && Arrays.deepEquals(before, s.before);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(before);
    }

    @Override
    public String toString() {
        return "SeenItems[" + before.length + " rows]";
    }
}
