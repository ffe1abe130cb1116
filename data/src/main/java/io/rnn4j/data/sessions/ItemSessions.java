package io.rnn4j.data.sessions;

import io.rnn4j.data.Vocabulary;
import io.rnn4j.data.VocabularyOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Sessions as item ids: the item vocabulary is built from the training sessions (items seen at least
 * {@code minCount} times; {@code <pad>}=0, {@code <unk>}=1, then items by frequency), and every session
 * keeps only its known items, in order (GRU4Rec's preprocessing: an item the model cannot output is
 * not a target). A session left with fewer than two items has no next item to predict and is dropped.
 */
public final class ItemSessions {
    private ItemSessions() {
    }

    /** The item vocabulary of {@code train}. */
    public static Vocabulary vocabulary(List<Session> train, int minCount) {
        return Vocabulary.build(train.stream().map(Session::items).toList(), new VocabularyOptions(0, minCount, false));
    }

    /** The sessions as id arrays, unknown items left out, sessions of fewer than two items dropped. */
    public static List<int[]> encode(List<Session> sessions, Vocabulary items) {
        List<int[]> out = new ArrayList<>();
        for (Session s : sessions) {
            int[] ids = s.items().stream().filter(items::contains).mapToInt(items::id).toArray();
            if (ids.length >= 2) {
                out.add(ids);
            }
        }
        return out;
    }

    /** Number of next-item predictions in {@code sessions}: the sum of their lengths minus one each. */
    public static long nextEvents(List<int[]> sessions) {
        return sessions.stream().mapToLong(s -> s.length - 1).sum();
    }
}
