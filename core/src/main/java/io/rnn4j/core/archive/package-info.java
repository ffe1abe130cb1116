/**
 * The model archive: one zip file holding everything a trained model needs to be used, resumed and
 * traced back ({@link io.rnn4j.core.archive.ModelArchive}): its manifest, the resolved experiment YAML,
 * the weights by parameter name ({@link io.rnn4j.core.archive.Weights}), optionally the trainer state,
 * the application's data entries (vocabulary, labels, normalization) and its provenance.
 *
 * <p>Decisions:
 * <ul>
 *   <li>A zip, because every platform opens it and tools list it; entries are small, documented
 *       formats, so a Python script can read the weights with {@code numpy.frombuffer(..., '<f4')}.</li>
 *   <li>Weights are keyed by {@link io.rnn4j.core.ParamId#displayName()}, never by position: loading
 *       checks every name and shape and names what is missing or mismatched.</li>
 *   <li>Metadata ({@code manifest.json}, {@code provenance.json}) is flat JSON written and read by a
 *       small, tested reader of rnn4j's own: core depends on no JSON library, and JSON (rather than
 *       properties text) is what other tools read without help.</li>
 *   <li>Writes are atomic (temporary file, fsync, rename, directory fsync); reads check every entry's
 *       CRC32 up front, so corruption is reported when the file is opened, not as odd predictions.</li>
 *   <li>A reader refuses a newer format version rather than guessing ({@code RNN4J-ARCHIVE-003}); it
 *       ignores entries and manifest fields it does not know, so that additions within a version stay
 *       readable.</li>
 * </ul>
 */
package io.rnn4j.core.archive;
