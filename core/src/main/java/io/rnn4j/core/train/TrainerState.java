package io.rnn4j.core.train;

import io.rnn4j.core.optim.LrScheduler;
import io.rnn4j.core.optim.OptimizerState;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link Trainer} needs, besides the model's current weights and the configuration, to
 * continue a run exactly where it stopped: a run restored from the state saved after epoch {@code k}
 * (together with the weights of that moment) produces the same epochs {@code k+1, k+2, ...}, bit for
 * bit, as the run that never stopped.
 *
 * <p>The current weights are not part of it: they are the model's, saved as {@code weights.bin} in a
 * model archive ({@link io.rnn4j.core.archive.ModelArchive}). The best weights are, because early
 * stopping restores them at the end.
 *
 * <p>Immutable; arrays are copied in and out. {@link #writeTo(DataOutput)} and
 * {@link #readFrom(DataInput)} give a stable, versioned binary form (big-endian, as {@link DataOutput}
 * writes; floats and doubles stored exactly).
 */
public final class TrainerState {
    private static final int MAGIC = 0x524E5453; // "RNTS": rnn4j trainer state
    private static final int FORMAT_VERSION = 1;

    private final int epoch;
    private final long globalStep;
    private final OptimizerState optimizer;
    private final LrScheduler.State scheduler;
    private final long randomSeed;
    private final long randomState;
    private final int epochsWithoutImprovement;
    private final double bestValue;
    private final int bestEpoch;
    private final float[] bestWeights;
    private final List<EpochResult> history;

    /**
     * A state.
     *
     * @param epoch                    completed epochs
     * @param globalStep               optimizer steps taken (one per batch, or per window with truncated
     *                                 BPTT)
     * @param optimizer                the optimizer's state
     * @param scheduler                the learning-rate scheduler's state
     * @param randomSeed               seed of the trainer's random source (dropout masks)
     * @param randomState              its current state
     * @param epochsWithoutImprovement early stopping's count of epochs since the best one
     * @param bestValue                best monitored value so far (NaN before the first finite one)
     * @param bestEpoch                its epoch (0 if none)
     * @param bestWeights              the flat parameter values of the best epoch, or {@code null} if they
     *                                 are not kept (no early stopping with {@code restore_best})
     * @param history                  every completed epoch
     */
    public TrainerState(int epoch, long globalStep, OptimizerState optimizer, LrScheduler.State scheduler,
            long randomSeed, long randomState, int epochsWithoutImprovement, double bestValue, int bestEpoch,
            float[] bestWeights, List<EpochResult> history) {
        if (epoch < 0 || globalStep < 0 || epochsWithoutImprovement < 0 || bestEpoch < 0) {
            throw new IllegalArgumentException("trainer state counters must be >= 0: epoch " + epoch + ", step "
                    + globalStep + ", epochs without improvement " + epochsWithoutImprovement + ", best epoch "
                    + bestEpoch);
        }
        this.epoch = epoch;
        this.globalStep = globalStep;
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.randomSeed = randomSeed;
        this.randomState = randomState;
        this.epochsWithoutImprovement = epochsWithoutImprovement;
        this.bestValue = bestValue;
        this.bestEpoch = bestEpoch;
        this.bestWeights = bestWeights == null ? null : bestWeights.clone();
        this.history = List.copyOf(history);
    }

    /** Completed epochs; a resumed {@code fit} starts with epoch {@code epoch() + 1}. */
    public int epoch() {
        return epoch;
    }

    /** Optimizer steps taken. */
    public long globalStep() {
        return globalStep;
    }

    /** The optimizer's state (moments and step count). */
    public OptimizerState optimizer() {
        return optimizer;
    }

    /** The learning-rate scheduler's state. */
    public LrScheduler.State scheduler() {
        return scheduler;
    }

    /** Seed of the trainer's random source. */
    public long randomSeed() {
        return randomSeed;
    }

    /** State of the trainer's random source. */
    public long randomState() {
        return randomState;
    }

    /** Epochs since the monitored value last improved. */
    public int epochsWithoutImprovement() {
        return epochsWithoutImprovement;
    }

    /** Best monitored value so far, NaN if none. */
    public double bestValue() {
        return bestValue;
    }

    /** The epoch of {@link #bestValue()}, 0 if none. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** A copy of the best epoch's weights, or {@code null} if they are not kept. */
    public float[] bestWeights() {
        return bestWeights == null ? null : bestWeights.clone();
    }

    /** Every completed epoch. */
    public List<EpochResult> history() {
        return history;
    }

    /**
     * Writes the state: magic {@code RNTS}, format version, the counters, the optimizer state (its own
     * versioned form), the scheduler, the random source, early stopping, the best weights and the
     * history.
     */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeInt(epoch);
        out.writeLong(globalStep);
        optimizer.writeTo(out);
        out.writeInt(scheduler.epoch());
        out.writeDouble(scheduler.plateauLearningRate());
        out.writeDouble(scheduler.best());
        out.writeInt(scheduler.badEpochs());
        out.writeInt(scheduler.cooldownCounter());
        out.writeLong(randomSeed);
        out.writeLong(randomState);
        out.writeInt(epochsWithoutImprovement);
        out.writeDouble(bestValue);
        out.writeInt(bestEpoch);
        out.writeBoolean(bestWeights != null);
        if (bestWeights != null) {
            out.writeInt(bestWeights.length);
            for (float v : bestWeights) {
                out.writeFloat(v);
            }
        }
        out.writeInt(history.size());
        for (EpochResult e : history) {
            out.writeInt(e.epoch());
            out.writeDouble(e.trainLoss());
            out.writeInt(e.metrics().size());
            for (Map.Entry<String, Double> m : e.metrics().entrySet()) {
                out.writeUTF(m.getKey());
                out.writeDouble(m.getValue());
            }
            out.writeDouble(e.lr());
            out.writeDouble(e.seconds());
        }
    }

    /**
     * Reads a state written by {@link #writeTo(DataOutput)}.
     *
     * @throws IOException if the data is not a trainer state, was written by a newer format version, or is
     *                     truncated or inconsistent; the message says which
     */
    public static TrainerState readFrom(DataInput in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException("not an rnn4j trainer state (magic " + Integer.toHexString(magic) + ", expected "
                    + Integer.toHexString(MAGIC) + ")");
        }
        int version = in.readInt();
        if (version > FORMAT_VERSION || version < 1) {
            throw new IOException("trainer state has format version " + version + " but this rnn4j reads version "
                    + FORMAT_VERSION + "; resume with the rnn4j version that wrote it");
        }
        int epoch = in.readInt();
        long step = in.readLong();
        OptimizerState optimizer = OptimizerState.readFrom(in);
        LrScheduler.State scheduler;
        try {
            scheduler = new LrScheduler.State(in.readInt(), in.readDouble(), in.readDouble(), in.readInt(), in.readInt());
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt trainer state: " + e.getMessage(), e);
        }
        long seed = in.readLong();
        long state = in.readLong();
        int wait = in.readInt();
        double best = in.readDouble();
        int bestEpoch = in.readInt();
        float[] bestWeights = null;
        if (in.readBoolean()) {
            bestWeights = new float[count(in.readInt(), "best weights")];
            for (int i = 0; i < bestWeights.length; i++) {
                bestWeights[i] = in.readFloat();
            }
        }
        int epochs = count(in.readInt(), "history");
        List<EpochResult> history = new ArrayList<>(epochs);
        for (int i = 0; i < epochs; i++) {
            int number = in.readInt();
            double loss = in.readDouble();
            int metrics = count(in.readInt(), "metrics");
            Map<String, Double> values = new LinkedHashMap<>();
            for (int m = 0; m < metrics; m++) {
                values.put(in.readUTF(), in.readDouble());
            }
            history.add(new EpochResult(number, loss, values, in.readDouble(), in.readDouble()));
        }
        try {
            return new TrainerState(epoch, step, optimizer, scheduler, seed, state, wait, best, bestEpoch, bestWeights,
                    history);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt trainer state: " + e.getMessage(), e);
        }
    }

    private static int count(int n, String what) throws IOException {
        if (n < 0) {
            throw new IOException("corrupt trainer state: negative " + what + " count " + n);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainerState s && s.epoch == epoch && s.globalStep == globalStep
                && s.optimizer.equals(optimizer) && s.scheduler.equals(scheduler) && s.randomSeed == randomSeed
                && s.randomState == randomState && s.epochsWithoutImprovement == epochsWithoutImprovement
                && Double.compare(s.bestValue, bestValue) == 0 && s.bestEpoch == bestEpoch
                && Arrays.equals(s.bestWeights, bestWeights) && s.history.equals(history);
    }

    @Override
    public int hashCode() {
        return Objects.hash(epoch, globalStep, optimizer, scheduler, randomState, bestEpoch, Arrays.hashCode(bestWeights));
    }

    @Override
    public String toString() {
        return "TrainerState[epoch=" + epoch + ", step=" + globalStep + ", " + optimizer + ", best " + bestValue
                + " at epoch " + bestEpoch + (bestWeights == null ? "" : " (weights kept)") + "]";
    }
}
