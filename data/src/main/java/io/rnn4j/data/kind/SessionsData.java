package io.rnn4j.data.kind;

import io.rnn4j.core.spec.DataSpec;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spec.Required;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spec.Variant;

/**
 * {@code type: sessions}: interaction events (user, item, time) for next-item recommendation.
 *
 * @param train      the events CSV
 * @param user       its user (or session id) column
 * @param item       its item column
 * @param time       its time column (Unix seconds or an ISO date-time)
 * @param titles     an optional CSV {@code item,title} shown by {@code predict}
 * @param gap        the longest pause inside a session, in seconds
 * @param minCount   items seen fewer times in the training sessions are left out
 * @param validation the share of sessions, by end time, just before the test part
 * @param test       the share of sessions, by end time, at the end of the timeline
 * @param maxLength  longer sessions are cut into pieces of this many events
 * @param topK       items {@code predict} returns
 * @param knnLambda  the regulariser of the item-kNN baseline's similarity
 * @param excludeSeen whether the items already in a session are left out of every ranking (the network's
 *                   Recall@20 and MRR@20, both baselines', and {@code predict}'s top k)
 */
@Variant("sessions")
@Doc("Interaction events (user, item, time) cut into sessions for next-item recommendation (GRU4Rec).")
public record SessionsData(
        @Doc("The events CSV: one row per event, with a header row.") @Required String train,
        @Doc("The user (or session id) column.") @Default("user") String user,
        @Doc("The item column.") @Default("item") String item,
        @Doc("The time column: whole Unix seconds or an ISO date-time.") @Default("time") String time,
        @Doc("A CSV with columns item and title, for the titles predict shows; absent: ids only.") String titles,
        @Doc("The longest pause inside a session, in seconds; a longer one starts a new session.") @Default("1800")
        @Range(min = 0) long gap,
        @Doc("Items seen fewer times in the training sessions are left out of the vocabulary and the sessions.")
        @Default("5") @Range(min = 1) int minCount,
        @Doc("The share of sessions (by end time) just before the test part, for validation (a fraction; sessions "
                + "are split by time).") @Default("0.1") SplitSource validation,
        @Doc("The share of sessions (by end time) at the end of the timeline, for testing; never a random split.")
        @Default("0.1") SplitSource test,
        @Doc("Sessions longer than this many events are cut into pieces.") @Default("50") @Range(min = 2) int maxLength,
        @Doc("How many next items predict returns.") @Default("20") @Range(min = 1) int topK,
        @Doc("The regulariser lambda of the item-kNN baseline's similarity.") @Default("20") @Range(min = 0)
        double knnLambda,
        @Doc("Leave the items already in the session out of every ranking: the model's recall_at_20 and mrr_at_20 "
                + "(validation and evaluation), both baselines', and predict's top k; an event whose next item was "
                + "already in its session counts as a miss. For data where an item is never the next one twice (a "
                + "user rates a film once); off by default, as GRU4Rec evaluates, because where items recur (music "
                + "plays, repeat purchases) it would make every repeat a miss.") @Default("false")
        boolean excludeSeen) implements DataSpec {
}
