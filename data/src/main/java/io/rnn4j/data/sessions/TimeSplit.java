package io.rnn4j.data.sessions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits sessions by time, never at random: the test set is the end of the timeline, the validation
 * set the part just before it, as in GRU4Rec's evaluation (Hidasi et al. 2016): a session belongs to
 * the part in which it <em>ends</em>, so no training session contains an event after the validation
 * cut and no model sees the future of the sessions it is tested on.
 *
 * <p>The cuts are times: with fractions {@code v} and {@code t}, the test cut is the end time of the
 * session at position {@code floor((1 - t) n)} (plus 1e-9 against rounding) in end-time order, and the validation cut the one at
 * {@code floor((1 - t - v) n)}; every session ending at or after a cut goes to the later part, so
 * sessions that end at the same second are never separated.
 *
 * @param train          sessions ending before {@code validationCut}
 * @param validation     sessions ending in {@code [validationCut, testCut)}
 * @param test           sessions ending at or after {@code testCut}
 * @param validationCut  the first time of the validation part (Unix seconds)
 * @param testCut        the first time of the test part
 */
public record TimeSplit(List<Session> train, List<Session> validation, List<Session> test, long validationCut,
                        long testCut) {

    /** Copies. */
    public TimeSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    /**
     * Splits by end time.
     *
     * @param validation the share of sessions for validation, in {@code [0, 1)}
     * @param test       the share for test, in {@code [0, 1)}, with {@code validation + test < 1}
     */
    public static TimeSplit byEnd(List<Session> sessions, double validation, double test) {
        if (!(validation >= 0 && test >= 0 && validation + test < 1)) {
            throw new IllegalArgumentException("validation and test shares must be >= 0 with a sum below 1, were "
                    + validation + " and " + test);
        }
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("no sessions to split");
        }
        long[] ends = sessions.stream().mapToLong(Session::end).sorted().toArray();
        int n = ends.length;
        long testCut = test == 0 ? Long.MAX_VALUE : ends[Math.min(n - 1, (int) Math.floor((1 - test) * n + 1e-9))];
        long valCut = validation == 0 ? testCut : ends[Math.min(n - 1, (int) Math.floor((1 - test - validation) * n + 1e-9))];
        List<Session> tr = new ArrayList<>();
        List<Session> va = new ArrayList<>();
        List<Session> te = new ArrayList<>();
        for (Session s : sessions) {
            (s.end() >= testCut ? te : s.end() >= valCut ? va : tr).add(s);
        }
        return new TimeSplit(tr, va, te, valCut, testCut);
    }

    @Override
    public String toString() {
        return "TimeSplit[train=" + train.size() + ", validation=" + validation.size() + ", test=" + test.size()
                + ", cuts=" + Arrays.toString(new long[] {validationCut, testCut}) + "]";
    }
}
