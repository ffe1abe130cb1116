package io.rnn4j.data;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a loaded data set looks like to a model: the sizes that the first layer and the head need, and
 * the fitted artefacts (vocabularies, labels, normalization) that a model archive must carry to use
 * the model on new data.
 *
 * @param inputKind         features or token ids
 * @param inputSize         features per step, or the vocabulary size for token inputs (an embedding's
 *                          {@code num_embeddings})
 * @param targetKind        the kind of every example's target
 * @param outputSize        what the head produces: the number of classes ({@link TargetKind#CLASS},
 *                          {@link TargetKind#STEP_CLASSES}), of values per example or step
 *                          ({@link TargetKind#VALUES}, {@link TargetKind#STEP_VALUES}) or the target
 *                          vocabulary size ({@link TargetKind#SEQUENCE})
 * @param featureNames      the input columns: a time series' features, the text or source column;
 *                          empty for JSON Lines and text corpora
 * @param targetNames       the target columns: a time series' targets (in the order of a forecast's
 *                          values), the label or target column; empty for JSON Lines and text corpora
 * @param vocabulary        the input vocabulary, for token inputs built from text
 * @param targetVocabulary  the target vocabulary of a {@code pairs} data set
 * @param labels            the class labels, for class targets
 * @param normalization     the normalization statistics of a time series
 */
public record DataSchema(InputKind inputKind, int inputSize, TargetKind targetKind, int outputSize,
                         List<String> featureNames, List<String> targetNames,
                         Optional<Vocabulary> vocabulary, Optional<Vocabulary> targetVocabulary,
                         Optional<LabelSet> labels, Optional<Normalization> normalization) {

    /** Validates and copies. */
    public DataSchema {
        Objects.requireNonNull(inputKind, "inputKind");
        Objects.requireNonNull(targetKind, "targetKind");
        Objects.requireNonNull(vocabulary, "vocabulary");
        Objects.requireNonNull(targetVocabulary, "targetVocabulary");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(normalization, "normalization");
        featureNames = List.copyOf(featureNames);
        targetNames = List.copyOf(targetNames);
        if (inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException("input and output sizes must be >= 1, got " + inputSize + " and " + outputSize);
        }
    }
}
