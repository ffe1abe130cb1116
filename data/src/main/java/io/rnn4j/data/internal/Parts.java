package io.rnn4j.data.internal;

import io.rnn4j.core.RandomSource;
import io.rnn4j.data.DataErrors;
import io.rnn4j.data.Holdout;
import io.rnn4j.data.SplitSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training file's items divided into train / validation / test by the fractions of a
 * {@link SplitSpec} (a split that comes from its own file is empty here).
 *
 * @param train      what is left for training
 * @param validation the validation fraction
 * @param test       the test fraction
 * @param <T>        the item type
 */
public record Parts<T>(List<T> train, List<T> validation, List<T> test) {

    /** Divides by a seeded shuffle; each part keeps the file's order. */
    public static <T> Parts<T> shuffled(List<T> all, SplitSpec spec, String unit) {
        int[][] idx = shuffledIndices(all.size(), spec, unit);
        return new Parts<>(pick(all, idx[0]), pick(all, idx[1]), pick(all, idx[2]));
    }

    /**
     * The positions {@link #shuffled} puts in {train, validation, test} for {@code n} items, each ascending: the
     * same division without the items (a streamed file's lines).
     */
    public static int[][] shuffledIndices(int n, SplitSpec spec, String unit) {
        int[] counts = counts(n, spec, unit);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        // the Fisher-Yates draws of shuffle(List, RandomSource), on an int array
        RandomSource rng = new RandomSource(spec.seed()).fork("data.split");
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int nt = counts[2];
        int nv = counts[1];
        int[] test = Arrays.copyOfRange(perm, 0, nt);
        int[] val = Arrays.copyOfRange(perm, nt, nt + nv);
        int[] train = Arrays.copyOfRange(perm, nt + nv, n);
        Arrays.sort(test);
        Arrays.sort(val);
        Arrays.sort(train);
        return new int[][] {train, val, test};
    }

    /**
     * Shuffles {@code items} in place (Fisher-Yates, from the last position down): the one shuffle of the
     * data module, so that a split or an epoch order is the same sequence whichever kind draws it.
     */
    public static <T> void shuffle(List<T> items, RandomSource rng) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T t = items.get(i);
            items.set(i, items.get(j));
            items.set(j, t);
        }
    }

    /** Divides in order: the test fraction is the end, validation the part before it. */
    public static <T> Parts<T> ordered(List<T> all, SplitSpec spec, String unit) {
        int[] counts = counts(all.size(), spec, unit);
        int n = all.size();
        int trainEnd = counts[0];
        int valEnd = trainEnd + counts[1];
        return new Parts<>(List.copyOf(all.subList(0, trainEnd)), List.copyOf(all.subList(trainEnd, valEnd)),
                List.copyOf(all.subList(valEnd, n)));
    }

    /**
     * Sizes {train, validation, test} for {@code n} items: each fraction rounded, at least 1 if
     * asked for; a {@code EMPTY} error if nothing is left for training.
     */
    public static int[] counts(int n, SplitSpec spec, String unit) {
        int nv = count(n, spec.validation());
        int nt = count(n, spec.test());
        if (n - nv - nt < 1) {
            throw Problem.of(DataErrors.EMPTY, "too little data to split").file(spec.train())
                    .found(n + " " + unit + (n == 1 ? "" : "s") + ", of which validation takes " + nv + " and test " + nt)
                    .expected("at least one " + unit + " left for training")
                    .fix("use more data, or smaller `validation`/`test` fractions, or separate validation and test files.")
                    .error();
        }
        return new int[] {n - nv - nt, nv, nt};
    }

    private static int count(int n, Holdout h) {
        if (!(h instanceof Holdout.Fraction f)) {
            return 0;
        }
        return Math.max(1, (int) Math.round(n * f.value()));
    }

    private static <T> List<T> pick(List<T> all, int[] idx) {
        List<T> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            out.add(all.get(i));
        }
        return List.copyOf(out);
    }

    /** The file of a holdout, or null. */
    public static Path file(Holdout h) {
        return h instanceof Holdout.FromFile f ? f.path() : null;
    }
}
