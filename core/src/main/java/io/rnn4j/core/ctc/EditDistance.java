package io.rnn4j.core.ctc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Levenshtein distance (substitutions, insertions and deletions, each costing 1) between label
 * sequences, the numerator of character and word error rates, and the split of a label sequence into
 * words at a separator label.
 */
public final class EditDistance {
    private EditDistance() {
    }

    /** The minimum number of edits that turn {@code hypothesis} into {@code reference}. */
    public static int between(int[] hypothesis, int[] reference) {
        int[] prev = new int[reference.length + 1];
        int[] cur = new int[reference.length + 1];
        for (int j = 0; j <= reference.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= hypothesis.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= reference.length; j++) {
                int sub = prev[j - 1] + (hypothesis[i - 1] == reference[j - 1] ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[reference.length];
    }

    /**
     * The words of a label sequence: maximal runs of labels other than {@code separator}, each mapped to a
     * distinct integer id (equal runs, equal ids) through {@code ids}, so that
     * {@link #between(int[], int[])} counts word edits. Leading, trailing and repeated separators make no
     * empty words.
     *
     * @param labels    the labels
     * @param separator the label between words (e.g. the space character's index)
     * @param ids       the word ids handed out so far, shared between the sequences compared
     */
    public static int[] words(int[] labels, int separator, List<int[]> ids) {
        List<Integer> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= labels.length; i++) {
            if (i == labels.length || labels[i] == separator) {
                if (i > start) {
                    out.add(idOf(Arrays.copyOfRange(labels, start, i), ids));
                }
                start = i + 1;
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int idOf(int[] word, List<int[]> ids) {
        for (int i = 0; i < ids.size(); i++) {
            if (Arrays.equals(ids.get(i), word)) {
                return i;
            }
        }
        ids.add(word);
        return ids.size() - 1;
    }
}
