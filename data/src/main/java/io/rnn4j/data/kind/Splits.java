package io.rnn4j.data.kind;

import io.rnn4j.core.spec.DataSpec;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spi.DataContext;
import io.rnn4j.data.Holdout;
import io.rnn4j.data.SplitSpec;
import io.rnn4j.data.TokenizerOptions;

/** Resolves what every built-in kind's options share: files against the experiment's directory, the seed. */
final class Splits {
    private Splits() {
    }

    /** The splits of {@code spec}, with paths resolved and the experiment's seed. */
    static SplitSpec of(DataSpec spec, DataContext context) {
        return new SplitSpec(context.resolve(spec.train()), holdout(spec.validation(), context),
                holdout(spec.test(), context), context.seed());
    }

    private static Holdout holdout(SplitSource s, DataContext context) {
        if (s == null) {
            return Holdout.none();
        }
        return s.file() != null ? Holdout.file(context.resolve(s.file())) : Holdout.fraction(s.fraction());
    }

    /** The loader's tokenizer options. */
    static TokenizerOptions tokenizer(TokenizerConfig t) {
        return new TokenizerOptions(t.type(), t.lowercase(), t.maxVocab(), t.minFreq());
    }
}
