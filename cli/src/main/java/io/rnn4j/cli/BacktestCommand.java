package io.rnn4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rnn4j.core.data.Plot;
import io.rnn4j.core.data.Table;
import io.rnn4j.core.data.TaskReport;
import io.rnn4j.runtime.ModelLoader;
import io.rnn4j.runtime.ModelService;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rnn4j backtest MODEL [--origins N] [--step K] [--refit never|every|N] [--backend ID]}: rolling-origin
 * evaluation of a forecaster, by horizon step, against the naive and seasonal-naive forecasts from the same
 * origins, with the model as trained or with models trained anew on the rows before the origins (as
 * Darts' {@code historical_forecasts(retrain=True|N)}); writes {@code backtest.csv} (by horizon step),
 * {@code backtest_folds.csv} (by origin) and {@code backtest.png}.
 */
@Command(name = "backtest", description = "Rolling-origin evaluation of a forecasting model: errors by horizon step "
        + "(RMSE, MAE, MASE, sMAPE in original units) against naive and seasonal naive from the same origins.")
final class BacktestCommand implements Callable<Integer> {
    private final ModelLoader loader;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model archive written by 'rnn4j train'.")
    Path model;

    @Option(names = "--origins", defaultValue = "20", description = "Forecast origins, the last one the latest window "
            + "of the split (default: ${DEFAULT-VALUE}).")
    int origins;

    @Option(names = "--step", defaultValue = "1", description = "Rows between origins (default: ${DEFAULT-VALUE}).")
    int step;

    @Option(names = "--refit", defaultValue = "never", paramLabel = "never|every|N", description = "never: the model "
            + "as trained forecasts from every origin (default). every: a model trained anew from the experiment (same "
            + "seed and training options, normalization refitted) on the rows before each origin. N: anew at the first "
            + "origin and every N-th after it, the latest model forecasting in between.")
    String refit;

    @Option(names = "--backend", paramLabel = "ID", description = "Backend id (a backend that trains, for --refit).")
    String backend;

    @Option(names = "--split", defaultValue = "test", converter = SplitOption.class, description = "validation, test or "
            + "train (default: ${DEFAULT-VALUE}).")
    io.rnn4j.core.train.Split split;

    @Option(names = "--data", paramLabel = "FILE", description = "Backtest on this file's windows instead of the test split.")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Where backtest.csv and backtest.png go (default: the "
            + "model's directory).")
    Path out;

    @Option(names = "--json", description = "One JSON object of the overall figures.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Inject
    BacktestCommand(ModelLoader loader) {
        this.loader = loader;
    }

    @Override
    public Integer call() throws Exception {
        int every = refitEvery();
        List<String> sets = new ArrayList<>();
        if (data != null) {
            sets.add("data.test=" + data.toAbsolutePath());
        }
        PrintWriter o = spec.commandLine().getOut();
        Path dir = out != null ? out : model.toAbsolutePath().getParent();
        if (every > 0 && data != null) {
            throw new ParameterException(spec.commandLine(), "--refit " + refit + " with --data: a model refitted at an "
                    + "origin trains on the rows before it in the experiment's own file; backtest another file with "
                    + "--refit never, or point the experiment's data.train at it and retrain");
        }
        try (ModelLoader.Loaded m = loader.loadWithData(model, backend, sets)) {
            TaskReport r = ModelService.backtest(m, split, origins, step, every);
            Map<String, Object> figures = Figures.of(r);
            Files.createDirectories(dir);
            for (Table t : r.tables()) {
                Files.writeString(dir.resolve(t.file()), t.csv());
                if (!json) {
                    o.println(t.file() + ":");
                    o.print(t.csv());
                    o.println();
                }
            }
            for (Plot p : r.plots()) {
                int n = p.series().values().stream().mapToInt(a -> a.length).max().orElse(0);
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = i + 1;
                }
                Plots.lines(dir.resolve(p.file()), p.title(), "horizon step", "RMSE", x, p.series());
            }
            if (json) {
                o.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures));
            } else {
                figures.forEach((k, v) -> o.println(k + ": " + Figures.format(v)));
                o.println("wrote " + String.join(", ", r.tables().stream().map(t -> dir.resolve(t.file()).toString())
                        .toList()) + " and " + dir.resolve("backtest.png"));
            }
        }
        o.flush();
        return 0;
    }

    /** 0 for never, 1 for every, N for every N-th origin. */
    private int refitEvery() {
        switch (refit) {
            case "never":
                return 0;
            case "every":
                return 1;
            default:
                try {
                    int n = Integer.parseInt(refit);
                    if (n >= 1) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // refused below
                }
                throw new ParameterException(spec.commandLine(), "--refit must be never, every or a whole number of "
                        + "origins of at least 1 (refit at every N-th origin), was '" + refit + "'");
        }
    }
}
