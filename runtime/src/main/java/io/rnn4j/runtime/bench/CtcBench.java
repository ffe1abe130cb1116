package io.rnn4j.runtime.bench;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.loss.CtcLoss;
import java.util.Arrays;
import java.util.Locale;

/**
 * The CTC loss benchmark: forward and backward of {@link CtcLoss} (log-softmax included) on batch 32,
 * 200 frames, 30 labels plus the blank, label sequences of 20, the workload of
 * {@code tools/bench/ctc_bench.py} for PyTorch's CPU {@code F.ctc_loss}; {@code tools/bench/ctc_bench.sh}
 * runs both side by side, each in its own process. Prints one line: the median milliseconds per
 * forward + backward over the timed iterations, after warm-up.
 *
 * <pre>java -cp 'cli/target/rnn4j-cli-*.jar:cli/target/lib/*' io.rnn4j.runtime.bench.CtcBench [iterations]</pre>
 */
public final class CtcBench {
    private CtcBench() {
    }

    /** Runs the benchmark; the optional argument is the number of timed iterations (default 50). */
    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int batch = 32;
        int time = 200;
        int outputs = 31;
        int labels = 20;
        RandomSource rng = new RandomSource(1);
        Tensor x = Tensor.zeros(batch, time, outputs);
        for (int i = 0; i < x.size(); i++) {
            x.setFlat(i, rng.uniform(-2f, 2f));
        }
        Tensor y = Tensor.zeros(batch, labels);
        for (int i = 0; i < y.size(); i++) {
            y.setFlat(i, 1 + rng.nextInt(outputs - 1));
        }
        Tensor grad = Tensor.zeros(batch, time, outputs);
        CtcLoss loss = new CtcLoss();
        double sink = 0;
        for (int i = 0; i < 10; i++) {
            sink += loss.forward(x, y, null, grad);
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            sink += loss.forward(x, y, null, grad);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "rnn4j ctc (batch %d, T %d, C %d, labels %d): median %.3f ms per forward+backward "
                + "over %d iterations, %d cores (loss %.4f)%n", batch, time, outputs, labels, ms[iterations / 2], iterations,
                Runtime.getRuntime().availableProcessors(), sink / (iterations + 10));
    }
}
