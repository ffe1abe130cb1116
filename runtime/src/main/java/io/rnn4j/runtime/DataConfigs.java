package io.rnn4j.runtime;

import io.rnn4j.data.DataSpec;
import io.rnn4j.data.Holdout;
import io.rnn4j.data.PairsSpec;
import io.rnn4j.data.SequencesSpec;
import io.rnn4j.data.SplitSpec;
import io.rnn4j.data.TextClassificationSpec;
import io.rnn4j.data.TextCorpusSpec;
import io.rnn4j.data.TimeSeriesSpec;
import io.rnn4j.data.TokenizerOptions;
import io.rnn4j.dsl.spec.DataConfig;
import io.rnn4j.dsl.spec.PairsData;
import io.rnn4j.dsl.spec.SequencesData;
import io.rnn4j.dsl.spec.SplitSource;
import io.rnn4j.dsl.spec.TextClassificationData;
import io.rnn4j.dsl.spec.TextData;
import io.rnn4j.dsl.spec.TimeSeriesData;
import io.rnn4j.dsl.spec.TokenizerConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns the {@code data:} section of an experiment into the data loaders' specs. Paths are resolved
 * against the experiment file's directory, so an experiment runs from any working directory.
 */
public final class DataConfigs {
    private DataConfigs() {
    }

    /** The loader spec for {@code config}, with paths relative to {@code baseDir} and the experiment's seed. */
    public static DataSpec toDataSpec(DataConfig config, Path baseDir, long seed) {
        SplitSpec splits = new SplitSpec(baseDir.resolve(config.train()).normalize(), holdout(config.validation(), baseDir),
                holdout(config.test(), baseDir), seed);
        if (config instanceof TextClassificationData d) {
            return new TextClassificationSpec(splits, d.text(), d.label(), tokenizer(d.tokenizer()), d.maxLength());
        }
        if (config instanceof TimeSeriesData d) {
            return new TimeSeriesSpec(splits, Optional.ofNullable(d.time()), d.features(), d.targets(), d.lookback(),
                    d.horizon(), d.stride(), d.normalize(), d.transform(),
                    d.boxCoxLambda() == null ? Double.NaN : d.boxCoxLambda(), TimeSeriesData.lags(d.difference()),
                    d.pastCovariates(), d.futureCovariates(), d.calendar(),
                    Optional.ofNullable(d.holidays()).map(h -> baseDir.resolve(h).normalize()));
        }
        if (config instanceof TextData d) {
            return new TextCorpusSpec(splits, tokenizer(d.tokenizer()), d.sequenceLength(), d.stride());
        }
        if (config instanceof PairsData d) {
            return new PairsSpec(splits, d.source(), d.target(), tokenizer(d.sourceTokenizer()),
                    tokenizer(d.targetTokenizer()), d.maxSourceLength(), d.maxTargetLength());
        }
        if (config instanceof SequencesData d) {
            return new SequencesSpec(splits, d.target(), d.classes(), d.vocabSize());
        }
        throw new IllegalStateException("unknown data type " + config.getClass().getName());
    }

    /** Every data file the experiment reads, by role (train, validation, test), for provenance hashes. */
    public static java.util.Map<String, Path> files(DataConfig config, Path baseDir) {
        java.util.Map<String, Path> files = new java.util.LinkedHashMap<>();
        files.put("train", baseDir.resolve(config.train()).normalize());
        if (config.validation() != null && config.validation().file() != null) {
            files.put("validation", baseDir.resolve(config.validation().file()).normalize());
        }
        if (config.test() != null && config.test().file() != null) {
            files.put("test", baseDir.resolve(config.test().file()).normalize());
        }
        return files;
    }

    private static Holdout holdout(SplitSource s, Path baseDir) {
        if (s == null) {
            return Holdout.none();
        }
        return s.file() != null ? Holdout.file(baseDir.resolve(s.file()).normalize()) : Holdout.fraction(s.fraction());
    }

    private static TokenizerOptions tokenizer(TokenizerConfig t) {
        return new TokenizerOptions(t.type(), t.lowercase(), t.maxVocab(), t.minFreq());
    }
}
