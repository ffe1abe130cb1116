package io.rnn4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.layers.heads.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The generation loop when stepping stops midway ({@code Stepper.feed} answers {@code null} after some
 * tokens): the rest of the tokens come from re-running the whole context so far, and are those a
 * generation that re-runs from the start gives; nothing fails and no token is lost.
 */
class GenerationTest {
    private static final int V = 7;

    /** Logits of a toy model over a context: the most likely next id is (sum of the ids + 3) mod V. */
    private static Tensor logitsOf(int[] context, int steps) {
        float[] l = new float[steps * V];
        int sum = 0;
        for (int id : context) {
            sum += id;
        }
        l[(steps - 1) * V + Math.floorMod(sum + 3, V)] = 5f;
        return Tensor.of(l, 1, steps, V);
    }

    @Test
    void aStepperThatStopsMidwayIsReplacedByReRunningTheWholeContext() {
        int[] prompt = {1, 2};
        List<Integer> wholeLengths = new ArrayList<>();
        Function<int[], Tensor> whole = ids -> {
            wholeLengths.add(ids.length);
            return logitsOf(ids, ids.length);
        };
        // a stepper that carries the sum of the ids fed so far, and stops after its fourth call
        int[] carried = {0};
        int[] calls = {0};
        Function<int[], Tensor> step = ids -> {
            if (++calls[0] > 4) {
                return null;
            }
            for (int id : ids) {
                carried[0] += id;
            }
            return logitsOf(new int[] {carried[0]}, ids.length);
        };
        StringBuilder stepped = new StringBuilder();
        Generation.generate(step, whole, prompt, 10, Sampling.greedy(), new RandomSource(1), id -> id + ",",
                stepped::append);
        // stepping gave the first 4 tokens (prompt, then 3 single steps); the 5th call failed, so tokens 5..10
        // re-ran contexts of 2 + 4 .. 2 + 9 ids
        assertThat(calls[0]).isEqualTo(5);
        assertThat(wholeLengths).containsExactly(6, 7, 8, 9, 10, 11);

        StringBuilder rerun = new StringBuilder();
        Generation.generate(null, whole, prompt, 10, Sampling.greedy(), new RandomSource(1), id -> id + ",",
                rerun::append);
        assertThat(stepped.toString()).isEqualTo(rerun.toString()).isEqualTo(expected(prompt, 10));
    }

    @Test
    void aModelThatCannotBeSteppedReRunsForEveryToken() {
        List<Integer> wholeLengths = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        Generation.generate(ids -> null, ids -> {
            wholeLengths.add(ids.length);
            return logitsOf(ids, ids.length);
        }, new int[] {4}, 3, Sampling.greedy(), new RandomSource(1), id -> id + ",", out::append);
        assertThat(wholeLengths).containsExactly(1, 2, 3);
        assertThat(out.toString()).isEqualTo(expected(new int[] {4}, 3));
    }

    /** The toy model's greedy continuation, computed directly. */
    private static String expected(int[] prompt, int length) {
        int sum = 0;
        for (int id : prompt) {
            sum += id;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int next = Math.floorMod(sum + 3, V);
            sb.append(next).append(',');
            sum += next;
        }
        return sb.toString();
    }
}
