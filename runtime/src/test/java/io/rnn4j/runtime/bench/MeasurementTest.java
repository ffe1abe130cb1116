package io.rnn4j.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Ratios between engines, and the guard against an engine's slow mode deciding a target. */
class MeasurementTest {

    private static Measurement of(Workload w, String engine, double... values) {
        return new Measurement(w, engine, values);
    }

    @Test
    void aRatioSaysHowManyTimesFasterWhicheverWayTheUnitPoints() {
        // tokens/s: higher is better; ms per sequence: lower is better
        assertThat(of(Workload.W5, "rnn4j", 30_000).ratioTo(of(Workload.W5, "pytorch", 40_000))).isCloseTo(0.75,
                within(1e-12));
        assertThat(of(Workload.W3, "rnn4j", 0.3).ratioTo(of(Workload.W3, "ort", 0.4))).isCloseTo(4.0 / 3,
                within(1e-12));
    }

    @Test
    void roundsWithASlowModeAreJudgedAgainstTheFastestRound() {
        // the run of 2 December 15:40: PyTorch's W5 slow in two rounds of three, so its median round is slow
        Measurement mine = of(Workload.W5, "rnn4j", 29_370);
        List<Measurement> pytorch = List.of(of(Workload.W5, "pytorch", 9_264), of(Workload.W5, "pytorch", 43_920),
                of(Workload.W5, "pytorch", 6_925));
        assertThat(mine.ratioToFastestIfSlowMode(pytorch)).isCloseTo(29_370 / 43_920.0, within(1e-12));
    }

    @Test
    void roundsThatAgreeLeaveTheMedianRatio() {
        Measurement mine = of(Workload.W1, "rnn4j", 2_400);
        List<Measurement> pytorch = List.of(of(Workload.W1, "pytorch", 2_262), of(Workload.W1, "pytorch", 1_849),
                of(Workload.W1, "pytorch", 2_528)); // within 1.5x of each other
        assertThat(mine.ratioToFastestIfSlowMode(pytorch)).isNaN();
        assertThat(mine.ratioToFastestIfSlowMode(List.of())).isNaN();
    }

    @Test
    void forLatencyTheFastestRoundIsTheShortestTime() {
        Measurement mine = of(Workload.W3, "rnn4j", 0.36);
        List<Measurement> ort = List.of(of(Workload.W3, "ort", 0.39), of(Workload.W3, "ort", 1.2));
        assertThat(mine.ratioToFastestIfSlowMode(ort)).isCloseTo(0.39 / 0.36, within(1e-12));
    }
}
