package io.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.SequenceMask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatcherTest {

    private static Example features(int steps, int cls) {
        float[] v = new float[steps * 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1;
        }
        return new Example(new Input.Features(v, steps, 2), new Target.ClassIndex(cls), 0);
    }

    private static Example tokens(int length) {
        int[] ids = IntStream.rangeClosed(1, length).map(i -> i + 3).toArray();
        return new Example(new Input.Tokens(ids), new Target.StepClasses(Arrays.stream(ids).map(i -> i + 1).toArray()), length);
    }

    @Test
    void padsFeatureSequencesAtTheEndAndBuildsTheMask() {
        Batch b = Batcher.of(List.of(features(2, 1), features(1, 0), features(3, 1)));
        assertThat(b.inputs().shape().dims()).containsExactly(3, 3, 2);
        assertThat(b.inputs().toArray()).containsExactly(
                1, 2, 3, 4, 0, 0,
                1, 2, 0, 0, 0, 0,
                1, 2, 3, 4, 5, 6);
        assertThat(b.mask()).isEqualTo(new SequenceMask(3, 3, new int[] {2, 1, 3}));
        assertThat(b.targets()).isEqualTo(new Targets.Classes(new int[] {1, 0, 1}));
        assertThat(((Targets.Classes) b.targets()).tensor().toArray()).containsExactly(1, 0, 1);
        assertThat(b.indices()).containsExactly(0, 1, 2);
        assertThat(b.size()).isEqualTo(3);
        assertThat(b.time()).isEqualTo(3);
    }

    @Test
    void tokenInputsAndPerStepTargetsArePaddedWithZeroUnderTheSameMask() {
        Batch b = Batcher.of(List.of(tokens(3), tokens(1)));
        assertThat(b.inputs().shape().dims()).containsExactly(2, 3);
        assertThat(b.inputs().toArray()).containsExactly(4, 5, 6, 4, 0, 0);
        Targets.StepClasses t = (Targets.StepClasses) b.targets();
        assertThat(t.classes().toArray()).containsExactly(5, 6, 7, 5, 0, 0);
        assertThat(b.mask().lengths()).containsExactly(3, 1);
    }

    @Test
    void valueAndPerStepValueTargetsBecomeTensors() {
        Example a = new Example(new Input.Features(new float[] {1, 2}, 2, 1), new Target.Values(new float[] {0.5f, 1.5f}), 0);
        Example c = new Example(new Input.Features(new float[] {3}, 1, 1), new Target.Values(new float[] {2.5f, 3.5f}), 0);
        Targets.Values v = (Targets.Values) Batcher.of(List.of(a, c)).targets();
        assertThat(v.values().shape().dims()).containsExactly(2, 2);
        assertThat(v.values().toArray()).containsExactly(0.5f, 1.5f, 2.5f, 3.5f);

        Example s1 = new Example(new Input.Features(new float[] {1, 2}, 2, 1), new Target.StepValues(new float[] {1, 2, 3, 4}, 2, 2), 0);
        Example s2 = new Example(new Input.Features(new float[] {1}, 1, 1), new Target.StepValues(new float[] {5, 6}, 1, 2), 0);
        Targets.StepValues sv = (Targets.StepValues) Batcher.of(List.of(s1, s2)).targets();
        assertThat(sv.values().shape().dims()).containsExactly(2, 2, 2);
        assertThat(sv.values().toArray()).containsExactly(1, 2, 3, 4, 5, 6, 0, 0);
    }

    @Test
    void seq2seqTargetsBecomeShiftedDecoderInputsAndTargetsWithTheirOwnMask() {
        int bos = Vocabulary.BOS;
        int eos = Vocabulary.EOS;
        Example a = new Example(new Input.Tokens(new int[] {4, 5, 6}), new Target.TokenSequence(new int[] {bos, 7, 8, eos}), 0);
        Example c = new Example(new Input.Tokens(new int[] {4}), new Target.TokenSequence(new int[] {bos, 9, eos}), 0);
        Batch b = Batcher.of(List.of(a, c));
        Targets.Sequences s = (Targets.Sequences) b.targets();
        assertThat(s.decoderInputs().toArray()).containsExactly(bos, 7, 8, bos, 9, 0);
        assertThat(s.decoderTargets().toArray()).containsExactly(7, 8, eos, 9, eos, 0);
        assertThat(s.decoderMask()).isEqualTo(new SequenceMask(2, 3, new int[] {3, 2}));
        assertThat(b.mask()).isEqualTo(new SequenceMask(2, 3, new int[] {3, 1}));
    }

    @Test
    void everyEpochVisitsEveryExampleOnceAndKeepsTheLastPartialBatch() {
        List<Example> ex = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ex.add(features(1 + i % 3, i % 2));
        }
        Batcher batcher = new Batcher(BatchOptions.training(4, 42));
        List<Batch> epoch = batcher.epoch(ex, 0);
        assertThat(epoch).extracting(Batch::size).containsExactly(4, 4, 2);
        assertThat(epoch.stream().flatMapToInt(b -> Arrays.stream(b.indices())).sorted().toArray())
                .containsExactly(IntStream.range(0, 10).toArray());
        assertThat(batcher.batchesPerEpoch(10)).isEqualTo(3);
    }

    @Test
    void shufflingIsSeededPerEpochAndDoesNotDependOnEarlierEpochs() {
        int[] lengths = new int[100];
        Arrays.fill(lengths, 5);
        Batcher a = new Batcher(BatchOptions.training(8, 42));
        Batcher b = new Batcher(BatchOptions.training(8, 42));
        a.plan(lengths, 0);
        a.plan(lengths, 1);
        assertThat(a.plan(lengths, 2)).containsExactlyElementsOf(b.plan(lengths, 2));
        assertThat(flat(a.plan(lengths, 0))).isNotEqualTo(flat(a.plan(lengths, 1)));
        assertThat(flat(new Batcher(BatchOptions.training(8, 43)).plan(lengths, 0))).isNotEqualTo(flat(a.plan(lengths, 0)));
        assertThat(flat(a.plan(lengths, 0))).isNotEqualTo(IntStream.range(0, 100).toArray());
    }

    @Test
    void evaluationBatchesKeepTheOrderOfTheExamples() {
        int[] lengths = new int[7];
        assertThat(flat(new Batcher(BatchOptions.evaluation(3)).plan(lengths, 5))).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void bucketingGroupsSimilarLengthsAndStillShufflesTheBatches() {
        RandomSource rng = new RandomSource(1);
        int[] lengths = new int[1000];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = 1 + rng.nextInt(50);
        }
        BatchOptions plain = BatchOptions.training(10, 7);
        List<int[]> bucketed = new Batcher(plain.withBucketing(5)).plan(lengths, 0);
        List<int[]> shuffled = new Batcher(plain).plan(lengths, 0);
        assertThat(Arrays.stream(flat(bucketed)).sorted().toArray()).containsExactly(IntStream.range(0, 1000).toArray());
        assertThat(bucketed).hasSize(100);
        // padding: sum over batches of (max length * size - sum of lengths)
        assertThat(padding(bucketed, lengths)).isLessThan(padding(shuffled, lengths) / 4);
        // batches come in random order: the batch maxima are not sorted over the epoch
        int[] maxima = bucketed.stream().mapToInt(idx -> Arrays.stream(idx).map(i -> lengths[i]).max().orElseThrow()).toArray();
        assertThat(maxima).isNotEqualTo(Arrays.stream(maxima).sorted().toArray());
    }

    @Test
    void examplesOfDifferentShapesCannotShareABatch() {
        Example a = new Example(new Input.Features(new float[] {1, 2}, 1, 2), new Target.ClassIndex(0), 3);
        Example c = new Example(new Input.Features(new float[] {1, 2, 3}, 1, 3), new Target.ClassIndex(0), 9);
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> Batcher.of(List.of(a, c))))
                .hasMessage("RNN4J-DATA-018: examples that cannot share a batch: found input widths 2 and 3 (examples 0 and 1, "
                        + "from lines/rows 3 and 9); expected examples of one data set, which all have the same kinds and widths. "
                        + "Fix: batch the examples of each data set separately.");
    }

    private static int[] flat(List<int[]> plan) {
        return plan.stream().flatMapToInt(Arrays::stream).toArray();
    }

    private static long padding(List<int[]> plan, int[] lengths) {
        long pad = 0;
        for (int[] idx : plan) {
            int max = Arrays.stream(idx).map(i -> lengths[i]).max().orElseThrow();
            for (int i : idx) {
                pad += max - lengths[i];
            }
        }
        return pad;
    }
}
