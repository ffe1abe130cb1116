package io.rnn4j.spark;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.optim.Optimizer;
import io.rnn4j.core.optim.OptimizerState;
import io.rnn4j.core.spec.TrainingSpec;
import io.rnn4j.core.train.GradientPass;
import io.rnn4j.core.train.ParameterUpdate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * One worker's part of a local-SGD round: start from the driver's averaged parameters and optimizer
 * state, take one full step (gradient pass, clipping, optimizer) on its own shard of each global batch
 * of the round, and send back its parameters and optimizer state for averaging.
 */
final class LocalSgdTask implements Function<EpochShards, ShardResult> {
    private static final long serialVersionUID = 1L;
    private final String run;
    private final ModelRecipe recipe;
    private final Broadcast<Round> round;
    private final int from;
    private final int to;
    private final long globalStep;
    private final long seed;
    private final TrainMetrics metrics;

    /** What every worker starts a round from. */
    record Round(float[] params, byte[] optimizer, float learningRate) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    LocalSgdTask(String run, ModelRecipe recipe, Broadcast<Round> round, int from, int to, long globalStep, long seed,
            TrainMetrics metrics) {
        this.metrics = metrics;
        this.run = run;
        this.recipe = recipe;
        this.round = round;
        this.from = from;
        this.to = to;
        this.globalStep = globalStep;
        this.seed = seed;
    }

    @Override
    public ShardResult call(EpochShards s) {
        long t0 = System.nanoTime();
        Network n = Workers.borrow(run, recipe);
        try {
            Round r = round.value();
            float[] values = n.parameters().values();
            System.arraycopy(r.params(), 0, values, 0, values.length);
            TrainingSpec training = recipe.training();
            Optimizer optimizer = Optimizer.create(training.optimizer());
            if (r.optimizer() != null) {
                optimizer.restore(readState(r.optimizer()));
            }
            ParameterUpdate update = new ParameterUpdate(optimizer, training.clipNorm(), training.clipValue());
            double lossSum = 0;
            long count = 0;
            boolean stepped = false;
            List<io.rnn4j.core.metrics.Metric> measured = metrics.create();
            for (int b = from; b < to; b++) {
                byte[] data = s.shards().get(b);
                if (data == null) {
                    continue;
                }
                RandomSource random = new RandomSource(seed).fork("step " + (globalStep + b - from) + " worker " + s.worker());
                GradientPass.Result g = GradientPass.run(n, recipe.loss(), ShardCodec.decode(data), random, measured,
                        "step " + (globalStep + b - from + 1) + ", shard " + s.worker());
                if (!g.finite() || g.count() > 0 && !Double.isFinite(update.apply(values, n.parameters().grads(),
                        r.learningRate()))) {
                    return new ShardResult(s.worker(), null, null, g.lossSum(), g.count(), false, System.nanoTime() - t0,
                            null);
                }
                stepped |= g.count() > 0;
                lossSum += g.lossSum();
                count += g.count();
            }
            return new ShardResult(s.worker(), stepped ? values.clone() : null,
                    stepped ? writeState(optimizer.state()) : null, lossSum, count, true, System.nanoTime() - t0,
                    stepped ? TrainMetrics.statistics(measured) : null);
        } finally {
            Workers.giveBack(run, n);
        }
    }

    static byte[] writeState(OptimizerState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            state.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an optimizer state in memory", e);
        }
        return bytes.toByteArray();
    }

    static OptimizerState readState(byte[] data) {
        try {
            return OptimizerState.readFrom(new DataInputStream(new ByteArrayInputStream(data)));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt optimizer state from the driver", e);
        }
    }
}
