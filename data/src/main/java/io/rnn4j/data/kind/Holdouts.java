package io.rnn4j.data.kind;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.spec.DataSpec;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spi.DataContext;
import io.rnn4j.core.train.Split;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of the training list file and of the validation and test splits, each another list file or
 * a fraction of the training rows held out (seeded by the experiment's seed, test first).
 */
final class Holdouts {
    private Holdouts() {
    }

    static Map<Split, List<ListFile.Row>> split(DataSpec spec, DataContext context) {
        List<ListFile.Row> train = new ArrayList<>(ListFile.read(context.resolve(spec.train())));
        Map<Split, List<ListFile.Row>> out = new EnumMap<>(Split.class);
        RandomSource r = new RandomSource(context.seed()).fork("holdout");
        out.put(Split.TEST, take(spec.test(), train, context, r));
        out.put(Split.VALIDATION, take(spec.validation(), train, context, r));
        out.put(Split.TRAIN, train);
        return out;
    }

    private static List<ListFile.Row> take(SplitSource s, List<ListFile.Row> train, DataContext context, RandomSource r) {
        if (s == null) {
            return List.of();
        }
        if (s.file() != null) {
            return ListFile.read(context.resolve(s.file()));
        }
        int n = (int) Math.round(s.fraction() * train.size());
        List<ListFile.Row> held = new ArrayList<>();
        for (int i = 0; i < n && train.size() > 1; i++) {
            held.add(train.remove(r.nextInt(train.size())));
        }
        return held;
    }
}
