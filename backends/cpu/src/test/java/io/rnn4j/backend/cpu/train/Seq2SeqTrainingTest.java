package io.rnn4j.backend.cpu.train;

import static io.rnn4j.backend.cpu.train.TrainTesting.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.loss.LossKind;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.optim.AdamSpec;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.History;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.core.train.Trainer;
import io.rnn4j.layers.EmbeddingSpec;
import io.rnn4j.layers.heads.DecoderCell;
import io.rnn4j.layers.heads.Seq2SeqHead;
import io.rnn4j.layers.heads.Seq2SeqSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An embedding + LSTM encoder and a seq2seq head learn to copy 3 tokens, trained by the Trainer with teacher batches. */
class Seq2SeqTrainingTest {
    private static final int VOCAB = 8;
    private static final int LEN = 3;

    private static List<TrainBatch> copyBatches(int batches, int size, long seed) {
        RandomSource r = new RandomSource(seed);
        List<TrainBatch> out = new ArrayList<>();
        for (int k = 0; k < batches; k++) {
            Tensor src = Tensor.zeros(size, LEN);
            Tensor teacher = Tensor.zeros(size, LEN + 1); // <bos> + target
            Tensor target = Tensor.zeros(size, LEN + 1);  // target + <eos>
            for (int b = 0; b < size; b++) {
                teacher.setFlat(b * (LEN + 1), Seq2SeqHead.BOS);
                for (int t = 0; t < LEN; t++) {
                    int id = 4 + r.nextInt(VOCAB - 4);
                    src.setFlat(b * LEN + t, id);
                    teacher.setFlat(b * (LEN + 1) + t + 1, id);
                    target.setFlat(b * (LEN + 1) + t, id);
                }
                target.setFlat(b * (LEN + 1) + LEN, Seq2SeqHead.EOS);
            }
            out.add(TrainBatch.teacherForced(Flow.sequences(src), Flow.sequences(teacher), target));
        }
        return out;
    }

    @Test
    void aSeq2SeqModelTrainsOnTeacherBatchesAndItsTeacherForcedValidationLossFalls() {
        Network net = TrainTesting.network(ValueType.tokens(VOCAB),
                List.of(TrainTesting.layer("embedding", new EmbeddingSpec(8, null), 0),
                        TrainTesting.layer("lstm", TrainTesting.lstm(24, 1, false, 0f, 0f, true), 1)),
                TrainTesting.head("seq2seq", new Seq2SeqSpec(DecoderCell.LSTM, 8, VOCAB, LEN + 2)), 7);
        History history = new History();
        Trainer trainer = Trainer.builder(net, spec(12, AdamSpec.of(0.02), 5.0, null, null, null))
                .loss(LossKind.CROSS_ENTROPY).metrics(List.of(MetricKind.ACCURACY, MetricKind.PERPLEXITY))
                .classes(VOCAB).random(new RandomSource(9)).listener(history).build();

        trainer.fit(BatchSource.of(copyBatches(8, 16, 1)), BatchSource.of(copyBatches(2, 16, 2)));

        List<Double> loss = history.values("loss");
        List<Double> val = history.values("val_loss");
        assertThat(loss.get(11)).isLessThan(0.5 * loss.get(0));
        assertThat(val.get(11)).isLessThan(0.5 * val.get(0));
        assertThat(history.values("val_accuracy").get(11)).isGreaterThan(0.6);
        assertThat(history.values("val_perplexity").get(11)).isCloseTo(Math.exp(val.get(11)),
                org.assertj.core.data.Offset.offset(1e-6 * Math.exp(val.get(11))));
    }
}
