package io.rnn4j.backend.cpu.heads;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.Parameter;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.diag.SourceLocation;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.layers.EmbeddingSpec;
import io.rnn4j.layers.heads.DecoderCell;
import io.rnn4j.layers.heads.Seq2SeqHead;
import io.rnn4j.layers.heads.Seq2SeqSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End to end through {@link LayerGraph} and {@link Network}: an embedding + LSTM encoder and a
 * {@code seq2seq} head learn to copy 3-token sequences over a vocabulary of 8 ids (4..7 are content)
 * with plain SGD on the summed softmax cross-entropy computed here.
 */
class Seq2SeqCopyTaskTest {
    private static final int VOCAB = 8;
    private static final int LEN = 3;
    private static final int BATCH = 16;

    @Test
    void aTinySeq2SeqLearnsToCopyWithPlainSgd() {
        LayerKindRegistry kinds = LayerKindRegistry.discover(getClass().getClassLoader());
        Diagnostics diags = new Diagnostics();
        LayerGraph graph = LayerGraph.compile(ValueType.tokens(VOCAB), List.of(
                new LayerGraph.Item("embedding", new EmbeddingSpec(8, null), "model.layers[0]"),
                new LayerGraph.Item("lstm", HeadKindsTest.lstm(24, true), "model.layers[1]")),
                new LayerGraph.Item("seq2seq", new Seq2SeqSpec(DecoderCell.LSTM, 8, VOCAB, LEN + 2), "model.head"),
                kinds, diags, p -> SourceLocation.unknown("copy.yaml"));
        diags.throwIfErrors("copy.yaml");
        Network net = new Network(graph, HeadTesting.backend());
        net.initialize(new RandomSource(7));
        RandomSource data = new RandomSource(8);
        RandomSource dropout = new RandomSource(9);
        float lr = 0.02f;
        double first = 0;
        double last = 0;
        int steps = 200;
        for (int step = 0; step < steps; step++) {
            int[][] src = batch(data);
            net.parameters().zeroGrads();
            Flow logits = net.forward(source(src), LayerContext.training(dropout).withTeacher(teacher(src)));
            Tensor grad = Tensor.zeros(logits.values().shape().dims());
            double loss = crossEntropy(logits, src, grad);
            net.backward(new Flow(grad, logits.mask()));
            for (Parameter p : net.parameters().all()) {
                for (int i = 0; i < p.value().size(); i++) {
                    p.value().setFlat(i, p.value().getFlat(i) - lr * p.grad().getFlat(i));
                }
            }
            if (step < 10) {
                first += loss / 10;
            }
            if (step >= steps - 10) {
                last += loss / 10;
            }
        }
        assertThat(last).as("mean loss of the last 10 steps vs the first 10 (%.3f)", first).isLessThan(0.4 * first);

        // greedy decoding of the trained model copies most tokens
        int[][] src = batch(new RandomSource(99));
        net.forward(source(src), LayerContext.inference());
        int[][] decoded = ((Seq2SeqHead) net.layers().get(net.layers().size() - 1)).lastTokens();
        int right = 0;
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < LEN; t++) {
                right += t < decoded[b].length && decoded[b][t] == src[b][t] ? 1 : 0;
            }
        }
        assertThat(right).as("tokens copied out of %d", BATCH * LEN).isGreaterThan(BATCH * LEN / 2);
    }

    private static int[][] batch(RandomSource r) {
        int[][] src = new int[BATCH][LEN];
        for (int[] row : src) {
            for (int t = 0; t < LEN; t++) {
                row[t] = 4 + r.nextInt(VOCAB - 4);
            }
        }
        return src;
    }

    private static Flow source(int[][] src) {
        Tensor ids = Tensor.zeros(BATCH, LEN);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < LEN; t++) {
                ids.setFlat(b * LEN + t, src[b][t]);
            }
        }
        return Flow.sequences(ids);
    }

    /** Decoder input: {@code <bos>} followed by the target. */
    private static Flow teacher(int[][] src) {
        Tensor ids = Tensor.zeros(BATCH, LEN + 1);
        for (int b = 0; b < BATCH; b++) {
            ids.setFlat(b * (LEN + 1), Seq2SeqHead.BOS);
            for (int t = 0; t < LEN; t++) {
                ids.setFlat(b * (LEN + 1) + t + 1, src[b][t]);
            }
        }
        return Flow.sequences(ids);
    }

    /** Sum over valid steps of {@code -log softmax(z)[target]}, target = the source then {@code <eos>}; fills its gradient. */
    private static double crossEntropy(Flow logits, int[][] src, Tensor grad) {
        SequenceMask mask = logits.mask();
        Tensor z = logits.values();
        int time = z.dim(1);
        double loss = 0;
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < mask.length(b); t++) {
                int target = t < LEN ? src[b][t] : Seq2SeqHead.EOS;
                int off = (b * time + t) * VOCAB;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < VOCAB; c++) {
                    max = Math.max(max, z.getFlat(off + c));
                }
                double sum = 0;
                for (int c = 0; c < VOCAB; c++) {
                    sum += Math.exp(z.getFlat(off + c) - max);
                }
                loss += Math.log(sum) + max - z.getFlat(off + target);
                for (int c = 0; c < VOCAB; c++) {
                    double p = Math.exp(z.getFlat(off + c) - max) / sum;
                    grad.setFlat(off + c, (float) (p - (c == target ? 1 : 0)));
                }
            }
        }
        return loss;
    }
}
