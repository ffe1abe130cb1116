package io.rnn4j.spark;

/**
 * Where the time of distributed training went, summed over its Spark jobs (one per step with
 * {@code sync}, one per round with {@code local_sgd}).
 *
 * @param jobs           Spark jobs run (steps or rounds)
 * @param steps          optimizer steps taken
 * @param computeNanos   the slowest worker's compute time of each job, summed (what the step costs at best)
 * @param broadcastNanos time to broadcast the parameters (and optimizer state), summed
 * @param jobNanos       wall time of the jobs from submission to the last result, summed
 * @param aggregateNanos time to add the workers' results on the driver and update, summed
 * @param bytesOut       bytes of parameters (and optimizer state) broadcast, per executor that fetches them
 * @param bytesBack      bytes of gradients (or parameters and optimizer state) sent back by all workers
 */
public record StepStats(long jobs, long steps, long computeNanos, long broadcastNanos, long jobNanos,
        long aggregateNanos, long bytesOut, long bytesBack) {

    /** Nothing yet. */
    public static final StepStats NONE = new StepStats(0, 0, 0, 0, 0, 0, 0, 0);

    StepStats plus(long steps, long compute, long broadcast, long job, long aggregate, long out, long back) {
        return new StepStats(jobs + 1, this.steps + steps, computeNanos + compute, broadcastNanos + broadcast,
                jobNanos + job, aggregateNanos + aggregate, bytesOut + out, bytesBack + back);
    }

    /** Spark's own overhead per job in milliseconds: job wall time minus the slowest worker's compute. */
    public double overheadMillisPerJob() {
        return jobs == 0 ? 0 : (jobNanos - computeNanos) / 1e6 / jobs;
    }

    /** A one-line summary per step, for logs and the README. */
    public String summary() {
        if (jobs == 0) {
            return "no distributed steps";
        }
        return String.format(java.util.Locale.ROOT, "%d steps in %d jobs: per job %.2f ms compute (slowest worker), "
                + "%.2f ms broadcast, %.2f ms Spark overhead, %.2f ms aggregate+update; %d bytes out, %d bytes back per job",
                steps, jobs, computeNanos / 1e6 / jobs, broadcastNanos / 1e6 / jobs, overheadMillisPerJob(),
                aggregateNanos / 1e6 / jobs, bytesOut / jobs, bytesBack / jobs);
    }
}
