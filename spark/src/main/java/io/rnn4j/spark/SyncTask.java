package io.rnn4j.spark;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.metrics.Metric;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.train.GradientPass;
import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * One worker's part of a synchronous step: load the driver's parameters, run the {@link GradientPass}
 * on its shard of the step's global batch, and send back the gradient of the shard's mean loss with its
 * loss sum and count, and the training metrics' statistics of the shard (counts and sums, added up on the driver). Dropout masks come from a random source fixed by the run's seed, the step and the
 * worker, so a retried task (a lost executor) computes exactly what the lost one would have.
 */
final class SyncTask implements Function<EpochShards, ShardResult> {
    private static final long serialVersionUID = 1L;
    private final String run;
    private final ModelRecipe recipe;
    private final Broadcast<float[]> params;
    private final int step;
    private final long globalStep;
    private final long seed;
    private final TrainMetrics metrics;

    SyncTask(String run, ModelRecipe recipe, Broadcast<float[]> params, int step, long globalStep, long seed,
            TrainMetrics metrics) {
        this.metrics = metrics;
        this.run = run;
        this.recipe = recipe;
        this.params = params;
        this.step = step;
        this.globalStep = globalStep;
        this.seed = seed;
    }

    @Override
    public ShardResult call(EpochShards s) {
        byte[] data = s.shards().get(step);
        if (data == null) {
            return new ShardResult(s.worker(), null, null, 0, 0, true, 0, null);
        }
        long t0 = System.nanoTime();
        Network n = Workers.borrow(run, recipe);
        try {
            float[] p = params.value();
            System.arraycopy(p, 0, n.parameters().values(), 0, p.length);
            RandomSource random = new RandomSource(seed).fork("step " + globalStep + " worker " + s.worker());
            List<Metric> measured = metrics.create();
            GradientPass.Result r = GradientPass.run(n, recipe.loss(), ShardCodec.decode(data), random, measured,
                    "step " + (globalStep + 1) + ", shard " + s.worker());
            float[] grads = r.count() == 0 ? null : n.parameters().grads().clone();
            return new ShardResult(s.worker(), grads, null, r.lossSum(), r.count(), r.finite(), System.nanoTime() - t0,
                    TrainMetrics.statistics(measured));
        } finally {
            Workers.giveBack(run, n);
        }
    }
}
