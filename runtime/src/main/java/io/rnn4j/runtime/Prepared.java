package io.rnn4j.runtime;

import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Dataset;
import io.rnn4j.data.TargetKind;
import io.rnn4j.dsl.ExperimentSpec;
import java.nio.file.Path;

/**
 * An experiment ready to train: the validated spec, the loaded data, and the model compiled with the
 * data's real sizes (vocabularies, classes).
 *
 * @param spec   the experiment with every default resolved
 * @param yaml   the resolved experiment as YAML (what the archive and the ONNX metadata carry)
 * @param file   the experiment file
 * @param data   the loaded data set
 * @param facts  the data's sizes used to resolve the model
 * @param graph  the compiled model
 */
public record Prepared(ExperimentSpec spec, String yaml, Path file, Dataset data, DataFacts facts, LayerGraph graph) {

    /** The loaded data's schema. */
    public DataSchema schema() {
        return data.schema();
    }

    /** Whether the model predicts classes (or tokens) rather than values. */
    public boolean classifies() {
        TargetKind k = schema().targetKind();
        return k == TargetKind.CLASS || k == TargetKind.STEP_CLASSES || k == TargetKind.SEQUENCE;
    }
}
