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
 * {@code rnn4j backtest MODEL [--origins N] [--step K] [--refit never]}: rolling-origin evaluation of a
 * forecaster, by horizon step, against the naive and seasonal-naive forecasts from the same origins;
 * writes {@code backtest.csv} and {@code backtest.png}.
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

    @Option(names = "--refit", defaultValue = "never", description = "never: the model as trained at every origin "
            + "(default). every (refitting the model at each origin) is not available.")
    String refit;

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
        if (!refit.equals("never")) {
            throw new ParameterException(spec.commandLine(), "--refit " + refit + ": only --refit never is available (the "
                    + "model as trained forecasts from every origin); refitting at each origin ('every') is not implemented");
        }
        List<String> sets = new ArrayList<>();
        if (data != null) {
            sets.add("data.test=" + data.toAbsolutePath());
        }
        PrintWriter o = spec.commandLine().getOut();
        Path dir = out != null ? out : model.toAbsolutePath().getParent();
        try (ModelLoader.Loaded m = loader.loadWithData(model, null, sets)) {
            TaskReport r = ModelService.backtest(m, split, origins, step);
            Map<String, Object> figures = Figures.of(r);
            Files.createDirectories(dir);
            for (Table t : r.tables()) {
                Files.writeString(dir.resolve(t.file()), t.csv());
                if (!json) {
                    o.print(t.csv());
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
                o.println("wrote " + dir.resolve("backtest.csv") + " and " + dir.resolve("backtest.png"));
            }
        }
        o.flush();
        return 0;
    }
}
