package io.rnn4j.onnx;

import io.rnn4j.core.Rnn4jException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a model is exported. Immutable; start from {@link #defaults()} and derive with the
 * {@code with...} methods.
 *
 * @param experimentYaml the resolved experiment YAML, stored in {@code metadata_props} under
 *                       {@value #KEY_EXPERIMENT}; {@code null} for none
 * @param metadata       further {@code metadata_props} entries, for example the preprocessing a runtime
 *                       must repeat: {@value #KEY_VOCABULARY}, {@value #KEY_LABELS},
 *                       {@value #KEY_NORMALIZATION} (values are usually JSON); keys must not be one of the
 *                       reserved keys {@value #KEY_EXPERIMENT}, {@value #KEY_VERSION}, {@code rnn4j.graph} and
 *                       {@code rnn4j.decoder.*} (a decoder pair's loop, {@link DecoderLoop})
 * @param stateInputs    whether the initial states of recurrent layers are inputs ({@link StateInputs#REQUIRED},
 *                       the default) or zero inside the graph ({@link StateInputs#NONE})
 * @param parityCheck    whether the export is run in ONNX Runtime and compared with the reference backend
 *                       before it is accepted (on by default; the design requires it for every export,
 *                       and turning it off is meant for tests of the exporter itself)
 * @param parityBatch    batch size of the generated parity inputs ({@code >= 1})
 * @param parityTime     padded length of the generated parity inputs ({@code >= 1}); sequences get
 *                       different lengths from {@code parityTime} down to 1
 * @param paritySeed     seed of the generated parity inputs
 */
public record ExportOptions(String experimentYaml, Map<String, String> metadata, StateInputs stateInputs,
        boolean parityCheck, int parityBatch, int parityTime, long paritySeed) {
    /** {@code metadata_props} key of the resolved experiment YAML. */
    public static final String KEY_EXPERIMENT = "rnn4j.experiment_yaml";
    /** {@code metadata_props} key of the rnn4j version that wrote the file. */
    public static final String KEY_VERSION = "rnn4j.version";
    /** Suggested key for the tokenizer's vocabulary (JSON: token to id). */
    public static final String KEY_VOCABULARY = "rnn4j.vocabulary";
    /** Suggested key for the class labels (JSON array, index = class id). */
    public static final String KEY_LABELS = "rnn4j.labels";
    /** Suggested key for the input normalisation statistics (JSON: mean and std per feature). */
    public static final String KEY_NORMALIZATION = "rnn4j.normalization";

    /** Validates and copies. */
    public ExportOptions {
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
        Objects.requireNonNull(stateInputs, "stateInputs");
        for (String key : metadata.keySet()) {
            if (key.equals(KEY_EXPERIMENT) || key.equals(KEY_VERSION) || key.equals(DecoderLoop.KEY_GRAPH)
                    || key.startsWith(DecoderLoop.PREFIX)) {
                throw new Rnn4jException("RNN4J-ONNX-003", "metadata key '" + key + "' is reserved: rnn4j writes it "
                        + "itself. Pass the experiment YAML with withExperimentYaml(...) and choose another key.");
            }
        }
        if (parityBatch < 1 || parityTime < 1) {
            throw new IllegalArgumentException("parity batch and time must be >= 1, were " + parityBatch + " and "
                    + parityTime);
        }
    }

    /** No YAML, no metadata, state inputs, parity checked on a batch of 3 sequences of up to 6 steps. */
    public static ExportOptions defaults() {
        return new ExportOptions(null, Map.of(), StateInputs.REQUIRED, true, 3, 6, 20240601L);
    }

    /** With state inputs or without. */
    public ExportOptions withStateInputs(StateInputs s) {
        return new ExportOptions(experimentYaml, metadata, s, parityCheck, parityBatch, parityTime, paritySeed);
    }

    /** With the resolved experiment YAML. */
    public ExportOptions withExperimentYaml(String yaml) {
        return new ExportOptions(yaml, metadata, stateInputs, parityCheck, parityBatch, parityTime, paritySeed);
    }

    /** With one more {@code metadata_props} entry. */
    public ExportOptions withMetadata(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new ExportOptions(experimentYaml, m, stateInputs, parityCheck, parityBatch, parityTime, paritySeed);
    }

    /** With the parity inputs' batch size, padded length and seed. */
    public ExportOptions withParityInputs(int batch, int time, long seed) {
        return new ExportOptions(experimentYaml, metadata, stateInputs, parityCheck, batch, time, seed);
    }

    /** Without the parity check (for tests of the exporter; every real export should be checked). */
    public ExportOptions withoutParityCheck() {
        return new ExportOptions(experimentYaml, metadata, stateInputs, false, parityBatch, parityTime, paritySeed);
    }
}
