package io.rnn4j.core.optim;

import static io.rnn4j.core.optim.OptimizerFixtures.d;
import static io.rnn4j.core.optim.OptimizerFixtures.i;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every schedule's learning rate over 20 epochs against PyTorch's schedulers. */
class LrSchedulerReferenceTest {
    private static final ReferenceFile REF = ReferenceFile.load("schedules.txt");

    static List<String> cases() {
        return REF.cases();
    }

    static LrSchedule schedule(Map<String, String> s, String kind) {
        return switch (LrScheduleKind.fromId(kind)) {
            case CONSTANT -> LrSchedule.constant();
            case STEP -> LrSchedule.step(i(s, "step_size"), d(s, "gamma"));
            case COSINE -> LrSchedule.cosine(i(s, "t_max"), d(s, "eta_min"));
            case WARMUP -> LrSchedule.warmup(i(s, "warmup_steps"), d(s, "start_factor"), schedule(s, s.get("then")));
            case REDUCE_ON_PLATEAU -> new LrSchedule.ReduceOnPlateau(
                    PlateauMode.valueOf(s.get("mode").toUpperCase(Locale.ROOT)), d(s, "factor"), i(s, "patience"),
                    d(s, "threshold"), ThresholdMode.valueOf(s.get("threshold_mode").toUpperCase(Locale.ROOT)),
                    i(s, "cooldown"), d(s, "min_lr"), d(s, "eps"));
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void learningRatePerEpochMatchesPyTorch(String name) {
        Map<String, String> spec = REF.spec(name);
        LrScheduler scheduler = new LrScheduler(schedule(spec, spec.get("kind")), d(spec, "base_lr"));
        double[] expected = REF.doubles(name + ".lrs");
        double[] metrics = REF.has(name + ".metrics") ? REF.doubles(name + ".metrics") : null;

        double[] actual = new double[expected.length];
        for (int e = 0; e < expected.length; e++) {
            actual[e] = scheduler.learningRate();
            if (metrics != null) {
                scheduler.step(metrics[e]);
            } else {
                scheduler.step();
            }
        }
        // PyTorch multiplies recursively, rnn4j uses closed forms: equal up to float64 rounding
        ReferenceFile.assertClose(name, actual, expected, 1e-12, 1e-15);
    }
}
