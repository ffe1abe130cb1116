package io.rnn4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.optim.ReferenceFile;
import org.junit.jupiter.api.Test;

class PerplexityTest {

    @Test
    void uniformGuessHasPerplexityOfTheVocabularySize() {
        Perplexity ppl = new Perplexity();
        ppl.update(Tensor.zeros(2, 3, 7), Tensor.zeros(2, 3), null);

        assertThat(ppl.result()).isCloseTo(7, within(1e-12));
    }

    @Test
    void isExpOfMeanTokenCrossEntropy() {
        // logits (0, ln 3): p = (1/4, 3/4); targets 1 then 0: mean nll = (ln 4/3 + ln 4) / 2
        float ln3 = (float) Math.log(3);
        Perplexity ppl = new Perplexity();
        ppl.update(Tensor.of(new float[] {0f, ln3, 0f, ln3}, 2, 2), Tensor.of(new float[] {1f, 0f}, 2));

        assertThat(ppl.result()).isCloseTo(Math.sqrt(16.0 / 3), within(1e-6));
        assertThat(ppl.count()).isEqualTo(2);
    }

    @Test
    void equalsExpOfPyTorchsMaskedCrossEntropy() {
        // an independent source: PyTorch's mean cross-entropy over the valid steps of a masked batch
        ReferenceFile ref = ReferenceFile.load("losses.txt");
        String c = "ce_sequence_masked";
        Perplexity ppl = new Perplexity();
        ppl.update(Tensor.of(ref.floats(c + ".predictions"), 3, 4, 5), Tensor.of(ref.floats(c + ".targets"), 3, 4),
                new SequenceMask(3, 4, ref.ints(c + ".lengths")));

        assertThat(ppl.meanCrossEntropy()).isCloseTo(ref.scalar(c + ".loss"), within(1e-12));
        assertThat(ppl.result()).isCloseTo(Math.exp(ref.scalar(c + ".loss")), within(1e-12));
    }

    @Test
    void tokensAreWeightedEquallyAcrossBatches() {
        Perplexity streamed = new Perplexity();
        float ln3 = (float) Math.log(3);
        streamed.update(Tensor.of(new float[] {0f, ln3}, 1, 2), Tensor.of(new float[] {1f}, 1));
        streamed.update(Tensor.of(new float[] {0f, ln3, 0f, 0f}, 2, 2), Tensor.of(new float[] {0f, 0f}, 2));

        // nll: ln 4/3, ln 4, ln 2 over three tokens
        assertThat(streamed.result()).isCloseTo(Math.cbrt(4.0 / 3 * 4 * 2), within(1e-6));
    }
}
