package io.rnn4j.core.archive;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.train.TrainerState;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What {@link ModelArchive#write} puts in a model archive. The weights and the trainer state are
 * suppliers, called while the archive is written, so a snapshot is taken at the moment of the save.
 *
 * <pre>{@code
 * ArchiveContents contents = ArchiveContents.builder()
 *         .experimentYaml(resolvedYaml)
 *         .weights(network.parameters())
 *         .trainerState(trainer.state())
 *         .data("vocabulary.json", vocabularyJson)
 *         .provenance(new Provenance(42L, List.of(Provenance.DataFile.hash("train", trainCsv)), Map.of()))
 *         .backend(network.backend().id())
 *         .build();
 * ModelArchive.write(Path.of("out/model.rnn4j"), contents);
 * }</pre>
 */
public final class ArchiveContents {
    private static final Pattern DATA_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private final String experimentYaml;
    private final Supplier<Weights> weights;
    private final Supplier<TrainerState> trainerState;
    private final Map<String, byte[]> data;
    private final Provenance provenance;
    private final String backend;
    private final Instant created;

    private ArchiveContents(Builder b) {
        this.experimentYaml = Objects.requireNonNull(b.experimentYaml,
                "experimentYaml: an archive holds the resolved experiment it was trained from");
        this.weights = Objects.requireNonNull(b.weights, "weights");
        this.trainerState = b.trainerState;
        this.data = Collections.unmodifiableMap(new LinkedHashMap<>(b.data));
        this.provenance = b.provenance;
        this.backend = b.backend;
        this.created = b.created;
    }

    /** A builder; the experiment YAML and the weights are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The resolved experiment YAML. */
    public String experimentYaml() {
        return experimentYaml;
    }

    /** Takes the weights' snapshot. */
    public Weights weights() {
        return weights.get();
    }

    /** Takes the trainer state's snapshot, or {@code null} if there is none. */
    public TrainerState trainerState() {
        return trainerState == null ? null : trainerState.get();
    }

    /** The application's data entries by name (stored under {@code data/}). */
    public Map<String, byte[]> data() {
        return data;
    }

    /** The provenance. */
    public Provenance provenance() {
        return provenance;
    }

    /** The backend id. */
    public String backend() {
        return backend;
    }

    /** The creation time, or {@code null} for the time of writing. */
    public Instant created() {
        return created;
    }

    /** Collects the contents. */
    public static final class Builder {
        private String experimentYaml;
        private Supplier<Weights> weights;
        private Supplier<TrainerState> trainerState;
        private final Map<String, byte[]> data = new LinkedHashMap<>();
        private Provenance provenance = Provenance.none();
        private String backend = "unknown";
        private Instant created;

        private Builder() {
        }

        /** The resolved experiment YAML text (every default filled in), stored as {@code experiment.yaml}. */
        public Builder experimentYaml(String yaml) {
            this.experimentYaml = Objects.requireNonNull(yaml, "yaml");
            return this;
        }

        /** The weights of {@code params}, copied when the archive is written. */
        public Builder weights(ParameterSet params) {
            Objects.requireNonNull(params, "params");
            this.weights = () -> Weights.of(params);
            return this;
        }

        /** The weights, supplied when the archive is written. */
        public Builder weights(Supplier<Weights> supplier) {
            this.weights = Objects.requireNonNull(supplier, "supplier");
            return this;
        }

        /** A trainer state to resume from, stored as {@code trainer-state.bin}. */
        public Builder trainerState(TrainerState state) {
            Objects.requireNonNull(state, "state");
            this.trainerState = () -> state;
            return this;
        }

        /** A trainer state supplied when the archive is written. */
        public Builder trainerState(Supplier<TrainerState> supplier) {
            this.trainerState = supplier;
            return this;
        }

        /**
         * An application entry, stored as {@code data/<name>} (e.g. {@code vocabulary.json},
         * {@code labels.json}, {@code normalization.json}); rnn4j stores the bytes as given.
         *
         * @throws IllegalArgumentException for a name that is not a plain file name or is taken
         */
        public Builder data(String name, byte[] bytes) {
            if (name == null || !DATA_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("data entry name '" + name + "' must be a plain file name (letters, "
                        + "digits, '.', '_', '-', not starting with '.'), e.g. vocabulary.json");
            }
            if (data.putIfAbsent(name, bytes.clone()) != null) {
                throw new IllegalArgumentException("data entry '" + name + "' was given twice");
            }
            return this;
        }

        /** The provenance; default {@link Provenance#none()}. */
        public Builder provenance(Provenance p) {
            this.provenance = Objects.requireNonNull(p, "provenance");
            return this;
        }

        /** The id of the backend the model was trained on; default {@code unknown}. */
        public Builder backend(String id) {
            this.backend = Objects.requireNonNull(id, "backend");
            return this;
        }

        /** The creation time recorded in the manifest; default: when the archive is written. */
        public Builder created(Instant time) {
            this.created = time;
            return this;
        }

        /** The contents. */
        public ArchiveContents build() {
            return new ArchiveContents(this);
        }
    }
}
