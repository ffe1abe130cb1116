import java.io.PrintWriter;
import java.util.Arrays;

/**
 * Runs {@code rnn4j predict} several times in one JVM, to separate what a fresh JVM pays once (class loading,
 * the JIT compiling the kernels) from the rate predict runs at once compiled. Each pass prints predict's own
 * "timing:" line; the first pass is what a fresh {@code rnn4j predict} call costs, the later ones the warm rate.
 *
 * <pre>
 * tools/bench/predict_passes.sh PASSES predict MODEL --input FILE --output OUT [predict options]
 * </pre>
 */
public final class PredictPasses {
    private PredictPasses() {
    }

    public static void main(String[] args) {
        int passes = Integer.parseInt(args[0]);
        String[] predict = Arrays.copyOfRange(args, 1, args.length);
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        for (int i = 1; i <= passes; i++) {
            long t0 = System.nanoTime();
            int rc = io.rnn4j.cli.Main.run(predict, out, err);
            err.printf("pass %d: exit %d, %.3f s%n", i, rc, (System.nanoTime() - t0) / 1e9);
            if (rc != 0) {
                System.exit(rc);
            }
        }
        System.exit(0);
    }
}
