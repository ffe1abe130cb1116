/**
 * Decoding of Connectionist Temporal Classification outputs (per-frame scores over the labels and a
 * blank) into label sequences: {@link io.rnn4j.core.ctc.CtcDecoder} with best-path (greedy) decoding and
 * prefix beam search, and {@link io.rnn4j.core.ctc.EditDistance} for error rates. The loss is
 * {@link io.rnn4j.core.loss.CtcLoss}; the metrics that decode are in {@link io.rnn4j.core.metrics}.
 */
package io.rnn4j.core.ctc;
