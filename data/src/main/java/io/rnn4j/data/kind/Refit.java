package io.rnn4j.data.kind;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.LoadedData;
import java.util.Arrays;
import java.util.Map;

/** Checks that data loaded anew fits a trained model's pipeline. */
final class Refit {
    private Refit() {
    }

    /**
     * {@code loaded} if the pipeline fitted on it stores what {@code fitted} stores (same vocabulary, labels,
     * normalisation, sizes), else an error: the model would see its inputs encoded differently.
     */
    static LoadedData checked(LoadedData loaded, DataPipeline fitted) {
        Map<String, byte[]> now = loaded.pipeline().store();
        for (Map.Entry<String, byte[]> e : fitted.store().entrySet()) {
            byte[] b = now.get(e.getKey());
            if (b != null && !Arrays.equals(b, e.getValue())) {
                throw new Rnn4jException("RNN4J-RUN-012", "the " + e.getKey() + " rebuilt from the training data differs "
                        + "from the one stored with the model. Use the data the model was trained on, or retrain.");
            }
        }
        return loaded;
    }
}
