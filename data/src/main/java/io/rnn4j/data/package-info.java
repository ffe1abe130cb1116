/**
 * rnn4j's data sets: loading, validation, tokenization, normalization and batching.
 *
 * <p>A {@link io.rnn4j.data.DataSpec} (one record per {@code type:} of the YAML {@code data:} section)
 * is loaded by {@link io.rnn4j.data.Datasets#load(io.rnn4j.data.DataSpec)} into a
 * {@link io.rnn4j.data.Dataset}: in-memory {@link io.rnn4j.data.Example}s split into train,
 * validation and test, and a {@link io.rnn4j.data.DataSchema} with the sizes a model needs and the
 * fitted artefacts a model archive must carry ({@link io.rnn4j.data.Vocabulary},
 * {@link io.rnn4j.data.LabelSet}, {@link io.rnn4j.data.Normalization}, each saved as JSON). A
 * {@link io.rnn4j.data.Batcher} turns examples into padded {@link io.rnn4j.data.Batch}es with a
 * {@link io.rnn4j.core.SequenceMask}.
 *
 * <p>Decisions, where frameworks differ:
 * <ul>
 *   <li>Everything a model learns from data (vocabulary, normalization statistics) is fitted on the
 *       training split only, after a validation fraction is taken out; label lists are taken from the
 *       whole training file, since the set of classes is not a statistic that leaks.</li>
 *   <li>Unordered data (sequences, text classification, pairs) is split by a seeded shuffle
 *       ({@link io.rnn4j.core.RandomSource#fork(String) fork} {@code "data.split"}); ordered data
 *       (time series, text corpora) by position, the held-out part last, never shuffled across time.</li>
 *   <li>Vocabulary ids: {@code <pad>}=0, {@code <unk>}=1, then {@code <bos>}=2, {@code <eos>}=3 for
 *       generation; other tokens by frequency descending then token, so ids are reproducible.
 *       {@code max_vocab} counts the reserved tokens, like Keras' {@code max_tokens}.</li>
 *   <li>Texts longer than {@code max_length} keep their first tokens (PyTorch users' usual choice;
 *       Keras' {@code pad_sequences} keeps the last by default). An empty text is {@code [<unk>]}.</li>
 *   <li>Padding is at the end (rnn4j's mask semantics); the last partial batch is kept.</li>
 *   <li>Every problem in a data file is an {@link io.rnn4j.core.Rnn4jException} raised while loading,
 *       before training, with an id from {@link io.rnn4j.data.DataErrors} and a message naming the file,
 *       line, column or JSON field, what was found, what was expected and how to fix it. Loading stops
 *       at the first problem of a file, as a compiler stops at a syntax error: later rows are often
 *       consequences of the first.</li>
 * </ul>
 */
package io.rnn4j.data;
