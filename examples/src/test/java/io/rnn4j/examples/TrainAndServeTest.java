package io.rnn4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainAndServeTest {
    @Test
    void aModelTrainedInJavaServesTheSamePredictionsFromItsOnnxExport(@TempDir Path out) throws Exception {
        double worst = TrainAndServe.run(Path.of("forecasting/experiment.yaml"), out, List.of("training.epochs=2"));
        assertThat(out.resolve("model.rnn4j")).exists();
        assertThat(out.resolve("forecast.onnx")).exists();
        assertThat(worst).isLessThan(1e-4);
    }
}
