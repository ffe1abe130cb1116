/**
 * Session-based recommendation data: {@link io.rnn4j.data.sessions.Event}s read from CSV (user, item,
 * time), grouped per user and cut into {@link io.rnn4j.data.sessions.Session}s at a pause longer than
 * a gap, split by time ({@link io.rnn4j.data.sessions.TimeSplit}: the end of the timeline is the test
 * set, never a random split across time), encoded with an item vocabulary built on the training
 * sessions ({@link io.rnn4j.data.sessions.ItemSessions}), and the two baselines a recurrent
 * recommender must beat on the same events: {@link io.rnn4j.data.sessions.MostPopular} and
 * {@link io.rnn4j.data.sessions.ItemKnn}, scored by Recall@k and MRR@k
 * ({@link io.rnn4j.data.sessions.RankingScore}).
 *
 * <p>Errors in event files are {@code RNN4J-DATA-142} (an empty id or a bad time) with file, line and
 * column, besides the CSV errors every kind shares.
 */
package io.rnn4j.data.sessions;
