package io.rnn4j.runtime.bench;

/**
 * How a workload is warmed up before it is timed: at least {@code minRepetitions} untimed repetitions, then
 * blocks of {@code block} repetitions until the median of a block is within {@code tolerance} of the previous
 * block's (the JIT has compiled the kernels and the step time is stable), or until {@code maxSeconds} of
 * warm-up have passed. Timing a fixed small number of repetitions instead measures C2 compiling.
 *
 * @param minRepetitions untimed repetitions first, at least 0
 * @param block          repetitions per stability block, at least 2
 * @param tolerance      relative change of the block median accepted as stable, e.g. 0.03
 * @param maxSeconds     warm-up time limit, after which timing starts whether or not the time is stable
 */
public record Warmup(int minRepetitions, int block, double tolerance, double maxSeconds) {

    /** Checks the arguments. */
    public Warmup {
        if (minRepetitions < 0 || block < 2 || !(tolerance > 0) || !(maxSeconds >= 0)) {
            throw new IllegalArgumentException("warm-up needs minRepetitions >= 0, block >= 2, tolerance > 0 and "
                    + "maxSeconds >= 0, got " + minRepetitions + ", " + block + ", " + tolerance + ", " + maxSeconds);
        }
    }

    /** At least {@code minRepetitions}, then until stable to 3 % in blocks of 5, for at most {@code maxSeconds}. */
    public static Warmup untilStable(int minRepetitions, double maxSeconds) {
        return new Warmup(minRepetitions, 5, 0.03, maxSeconds);
    }

    /**
     * Runs {@code step} (which returns the nanoseconds it took) as this warm-up says.
     *
     * @return the number of warm-up repetitions run
     */
    public int run(java.util.function.LongSupplier step) {
        long start = System.nanoTime();
        int n = 0;
        for (; n < minRepetitions; n++) {
            step.getAsLong();
        }
        double previous = Double.NaN;
        while ((System.nanoTime() - start) / 1e9 < maxSeconds) {
            long[] times = new long[block];
            for (int i = 0; i < block; i++) {
                times[i] = step.getAsLong();
            }
            n += block;
            java.util.Arrays.sort(times);
            double median = times[block / 2];
            if (!Double.isNaN(previous) && Math.abs(median - previous) <= tolerance * previous) {
                break;
            }
            previous = median;
        }
        return n;
    }
}
