package io.rnn4j.examples;

import io.rnn4j.backend.onnxruntime.OnnxRuntimeModel;
import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.core.data.DataKindRegistry;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.Split;
import io.rnn4j.dsl.ExperimentLoader;
import io.rnn4j.runtime.ExperimentPreparer;
import io.rnn4j.runtime.ExperimentRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Train in Java, serve through ONNX: the whole path with rnn4j's library API and no dependency
 * injection.
 *
 * <pre>
 *   java -cp ... io.rnn4j.examples.TrainAndServe examples/forecasting/experiment.yaml out/api [--set k=v ...]
 * </pre>
 *
 * <ol>
 *   <li>discover the layer kinds, data kinds and backends on the class path (plain objects, no statics);</li>
 *   <li>train the experiment (validated, data loaded, evaluated, archived, exported to ONNX);</li>
 *   <li>open the exported ONNX file in ONNX Runtime and predict the test split with it.</li>
 * </ol>
 */
public final class TrainAndServe {
    private TrainAndServe() {
    }

    /** Runs the example; returns the largest difference between rnn4j's and ONNX Runtime's predictions. */
    public static double run(Path experiment, Path out, List<String> overrides) throws Exception {
        ClassLoader cl = TrainAndServe.class.getClassLoader();
        LayerKindRegistry kinds = LayerKindRegistry.discover(cl);
        DataKindRegistry dataKinds = DataKindRegistry.discover(cl);
        BackendRegistry backends = BackendRegistry.discover(cl);
        ExperimentRunner runner = new ExperimentRunner(new ExperimentPreparer(new ExperimentLoader(kinds, dataKinds), kinds),
                backends);

        ExperimentRunner.TrainOutcome trained = runner.train(experiment,
                new ExperimentRunner.TrainOptions(out, null, overrides, 1, List.of()));
        System.out.printf(Locale.ROOT, "trained '%s' on %s: test %s%n", trained.prepared().spec().name(),
                trained.backend().id(), trained.test());

        Path onnx = out.resolve(trained.prepared().spec().export().onnx());
        double worst = 0;
        try (OnnxRuntimeModel served = OnnxRuntimeModel.open(Files.readAllBytes(onnx), 64, 1)) {
            for (TrainBatch b : trained.prepared().loaded().batches(Split.TEST, BatchPlan.evaluation(64)).batches(0)) {
                Flow fromOnnx = served.predict(b.input());
                Flow fromRnn4j = trained.network().forward(b.input(), io.rnn4j.core.model.LayerContext.inference());
                for (int i = 0; i < fromOnnx.values().size(); i++) {
                    worst = Math.max(worst, Math.abs(fromOnnx.values().getFlat(i) - fromRnn4j.values().getFlat(i)));
                }
            }
        }
        System.out.printf(Locale.ROOT, "served %s in ONNX Runtime: max |difference| from rnn4j %.2g%n", onnx, worst);
        return worst;
    }

    /** {@code TrainAndServe EXPERIMENT OUT_DIR [--set path=value ...]}. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TrainAndServe EXPERIMENT OUT_DIR [--set path=value ...]");
            System.exit(2);
        }
        List<String> sets = new java.util.ArrayList<>();
        for (int i = 2; i + 1 < args.length; i += 2) {
            if (args[i].equals("--set")) {
                sets.add(args[i + 1]);
            }
        }
        run(Path.of(args[0]), Path.of(args[1]), sets);
    }
}
