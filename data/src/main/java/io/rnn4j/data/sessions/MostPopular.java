package io.rnn4j.data.sessions;

import java.util.List;

/**
 * Recommends the items seen most often in the training sessions, whatever the session: the first
 * baseline of session-based recommendation. The rank of an item is 1 + the number of items seen more
 * often.
 */
public final class MostPopular implements NextItemBaseline {
    private final long[] counts;
    private final long[] sorted;

    /**
     * Counts the items of {@code train}.
     *
     * @param items the number of item ids ({@code ids < items})
     */
    public MostPopular(List<int[]> train, int items) {
        counts = new long[items];
        for (int[] s : train) {
            for (int id : s) {
                counts[id]++;
            }
        }
        sorted = counts.clone();
        java.util.Arrays.sort(sorted);
    }

    @Override
    public String name() {
        return "most_popular";
    }

    /** How often {@code item} occurs in the training sessions. */
    public long count(int item) {
        return counts[item];
    }

    @Override
    public boolean before(int[] session, int t, int other, int next) {
        return counts[other] > counts[next];
    }

    @Override
    public int rank(int[] session, int t, int next) {
        long c = counts[next];
        // items with a count strictly above c: those after the last occurrence of c in sorted order
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= c) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return sorted.length - lo + 1;
    }
}
