package io.rnn4j.data.kind;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.data.Output;
import io.rnn4j.core.data.OutputKind;
import io.rnn4j.core.data.RecordException;
import io.rnn4j.core.loss.LossKind;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.DataContext;
import io.rnn4j.core.spi.DataKind;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.LabelSequences;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.train.Split;
import io.rnn4j.data.audio.Augmentation;
import io.rnn4j.data.audio.FeatureExtractor;
import io.rnn4j.data.audio.FeatureMasking;
import io.rnn4j.data.audio.FeatureOptions;
import io.rnn4j.data.audio.FeatureType;
import io.rnn4j.data.audio.WavReader;
import io.rnn4j.data.audio.Waveform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: audio}: speech recognition data. A list of {@code file, text} pairs (CSV with a header, or
 * JSON Lines) names PCM WAV files (8-bit or 16-bit, mono, all at {@code sample_rate}); each becomes a
 * sequence of log-mel or MFCC frames ({@link FeatureExtractor}), its transcript a label sequence
 * (characters or words) for a {@code ctc} head. Training audio can be augmented each epoch (speed, gain,
 * shift, noise; {@link Augmentation}) and its features masked ({@link FeatureMasking}), seeded by the
 * experiment's seed and the epoch. Every error names the list file and line: a missing WAV, another
 * sample rate or channel count, an empty transcript, a transcript too long for its audio.
 */
public final class AudioKind implements DataKind<AudioData> {
    static final String ENTRY = "audio.json";

    /** Used by {@link java.util.ServiceLoader}. */
    public AudioKind() {
    }

    @Override
    public String id() {
        return "audio";
    }

    @Override
    public Class<AudioData> specType() {
        return AudioData.class;
    }

    @Override
    public String description() {
        return "Speech: WAV files with transcripts; log-mel or MFCC features; a label sequence per file (CTC).";
    }

    @Override
    public ValueType inputType(AudioData spec) {
        return ValueType.sequence(spec.features() == FeatureType.MFCC ? spec.ceps() : spec.melBins());
    }

    @Override
    public Optional<OutputKind> outputKind(AudioData spec) {
        return Optional.of(OutputKind.LABEL_SEQUENCES);
    }

    @Override
    public Set<MetricKind> defaultMetrics(AudioData spec) {
        return EnumSet.of(MetricKind.CER, MetricKind.WER, MetricKind.SEQUENCE_ACCURACY);
    }

    static FeatureOptions options(AudioData spec) {
        return new FeatureOptions(spec.features(), spec.frameLengthMs(), spec.frameShiftMs(), spec.fftSize(),
                spec.melBins(), spec.ceps(), 20, 0, spec.preemphasis(), 22, spec.normalize(), spec.dither());
    }

    @Override
    public LoadedData load(AudioData spec, DataContext context) {
        return read(spec, context, null);
    }

    @Override
    public LoadedData loadWith(AudioData spec, DataContext context, DataPipeline fitted) {
        return read(spec, context, (Pipeline) fitted);
    }

    private LoadedData read(AudioData spec, DataContext context, Pipeline fitted) {
        Map<Split, List<ListFile.Row>> rows = Holdouts.split(spec, context);
        if (rows.get(Split.TRAIN).isEmpty()) {
            throw new Rnn4jException("RNN4J-DATA-062", context.resolve(spec.train()) + ": no utterances in the list");
        }
        Pipeline p = fitted;
        if (p == null) {
            List<String> texts = new ArrayList<>();
            for (ListFile.Row r : rows.get(Split.TRAIN)) {
                texts.add(ListFile.text(r, "text", "give every file its transcript in 'text'"));
            }
            p = new Pipeline(options(spec), spec.sampleRate(), Transcripts.fit(spec.tokens(), texts), null);
        }
        Map<Split, List<Recognition.Item>> items = new java.util.EnumMap<>(Split.class);
        Map<Recognition.Item, Waveform> audio = new HashMap<>();
        for (Map.Entry<Split, List<ListFile.Row>> e : rows.entrySet()) {
            List<Recognition.Item> list = new ArrayList<>();
            for (ListFile.Row r : e.getValue()) {
                Waveform w = p.wav(r);
                Recognition.Item it = p.item(r, w);
                if (e.getKey() == Split.TRAIN) {
                    audio.put(it, w);
                }
                list.add(it);
            }
            items.put(e.getKey(), list);
        }
        if (fitted == null) {
            // the report's baseline, stored with the model: evaluating on another list then needs no training list
            p = p.withBaseline(Recognition.baseline(items.get(Split.TRAIN), true));
        }
        Augmentation aug = new Augmentation(spec.speed(), spec.gainDb(), spec.shiftMs(), spec.noiseSnrDb());
        FeatureMasking masks = new FeatureMasking(spec.timeMasks(),
                (int) Math.round(spec.timeMaskMs() / spec.frameShiftMs()), spec.freqMasks(), spec.freqMaskBins());
        return new Recognition.Data(items, p, true, p.extractor.options().dimension(),
                aug.isNone() && masks.isNone() ? null : p.perturbation(aug, masks, audio));
    }

    /**
     * The list file alone, in windows of rows, each WAV file read when its window is: the report's baseline is
     * the one the archive stores (re-derived from the training list for an archive of an earlier rnn4j).
     */
    @Override
    public Optional<io.rnn4j.core.spi.StreamedSplit> stream(AudioData spec, DataContext context, DataPipeline fitted,
            Path file, int window) {
        Pipeline p = (Pipeline) fitted;
        int[] baseline = p.baseline != null ? p.baseline
                : Recognition.legacyBaseline(spec, context, true, p::target, "the model's data/" + ENTRY);
        return Optional.of(new Recognition.Stream(ListFile.read(file), r -> p.item(r, p.wav(r)), p, true,
                p.extractor.options().dimension(), baseline, window));
    }

    @Override
    public DataPipeline restore(AudioData spec, Map<String, byte[]> stored, String source) {
        return Recognition.restore(stored, ENTRY, source, m -> {
            @SuppressWarnings("unchecked")
            List<String> tokens = (List<String>) m.get("labels");
            return new Pipeline(options(spec), ((Number) m.get("sample_rate")).intValue(),
                    new Transcripts(TokenUnit.valueOf(m.get("tokens").toString()), tokens), Recognition.storedBaseline(m));
        });
    }

    /** The fitted pipeline: feature options, the sample rate, the label vocabulary. */
    static final class Pipeline implements DataPipeline, LabelSequences {
        final FeatureExtractor extractor;
        private final int rate;
        private final Transcripts labels;
        /** The report's baseline ({@link Recognition#baseline}), or null in an archive of an earlier rnn4j. */
        final int[] baseline;

        Pipeline(FeatureOptions options, int rate, Transcripts labels, int[] baseline) {
            this.extractor = new FeatureExtractor(options);
            this.rate = rate;
            this.labels = labels;
            this.baseline = baseline;
        }

        Pipeline withBaseline(int[] b) {
            return new Pipeline(extractor.options(), rate, labels, b);
        }

        Waveform wav(ListFile.Row r) {
            String file = ListFile.text(r, "file", "give every utterance its WAV file in 'file'");
            return wav(r.path(file), r.where());
        }

        Waveform wav(Path path, String where) {
            Waveform w;
            try {
                w = WavReader.read(path);
            } catch (WavReader.WavException e) {
                throw new Rnn4jException("RNN4J-DATA-067", where + ": " + e.getMessage());
            }
            if (w.sampleRate() != rate) {
                throw new Rnn4jException("RNN4J-DATA-067", where + ": " + path + " is sampled at " + w.sampleRate()
                        + " Hz but the data's sample_rate is " + rate + " Hz; resample it (e.g. 'sox in.wav -r " + rate
                        + " out.wav') or set data.sample_rate");
            }
            return w;
        }

        Recognition.Item item(ListFile.Row r, Waveform w) {
            int[] target = target(r);
            float[][] f = extractor.compute(w);
            Recognition.checkFits(target, f.length, r.where(), "The audio is too short for its transcript: check "
                    + "the pair, or use a shorter frame_shift_ms.");
            return new Recognition.Item(f, target, r.where());
        }

        /** The row's label sequence; the audio is not read. */
        int[] target(ListFile.Row r) {
            String text = ListFile.text(r, "text", "give every file its transcript in 'text' (CTC cannot train on an "
                    + "empty transcript)");
            int[] target;
            try {
                target = labels.labels(text);
            } catch (IllegalArgumentException e) {
                throw new Rnn4jException("RNN4J-DATA-065", r.where() + ": " + e.getMessage()
                        + "; every label must occur in the training transcripts");
            }
            return target;
        }

        /** One training example's random choices: the waveform's perturbation and the seed of its feature masks. */
        record Draw(Augmentation.Draw wave, long maskSeed) {
        }

        /**
         * Perturbs training audio: the choices are drawn up front, the features computed from the kept
         * waveform only when the example's batch is made, then masked; an example too short for one window
         * keeps its un-perturbed features (masked all the same).
         */
        Recognition.Perturbation<Draw> perturbation(Augmentation aug, FeatureMasking masks,
                Map<Recognition.Item, Waveform> audio) {
            return new Recognition.Perturbation<>() {
                @Override
                public Draw draw(Recognition.Item item, RandomSource random) {
                    // the waveform's choices first, as before masking existed: runs without masks draw the same
                    Augmentation.Draw wave = aug.draw(rate, random);
                    return new Draw(wave, masks.isNone() ? 0 : random.nextLong());
                }

                @Override
                public int steps(Recognition.Item item, Draw d) {
                    int f = extractor.frames(Augmentation.samples(audio.get(item).samples().length, d.wave()), rate);
                    return f == 0 ? item.steps().length : f;
                }

                @Override
                public float[][] apply(Recognition.Item item, Draw d) {
                    float[][] f = aug.isNone() ? item.steps()
                            : extractor.compute(Augmentation.apply(audio.get(item), d.wave()));
                    if (f.length == 0) {
                        f = item.steps();
                    }
                    return masks.isNone() ? f : masks.apply(f, d.maskSeed());
                }
            };
        }

        @Override
        public ValueType inputType() {
            return ValueType.sequence(extractor.options().dimension());
        }

        @Override
        public DataFacts facts() {
            return new DataFacts(labels.size(), DataFacts.UNKNOWN, DataFacts.UNKNOWN);
        }

        @Override
        public Output output() {
            return new Output(OutputKind.LABEL_SEQUENCES, labels.size());
        }

        @Override
        public Map<String, byte[]> store() {
            ObjectNode n = Recognition.entry("rnn4j-audio");
            n.put("sample_rate", rate);
            n.put("tokens", labels.unit().name());
            labels.tokens().forEach(n.putArray("labels")::add);
            if (baseline != null) {
                java.util.Arrays.stream(baseline).forEach(n.putArray("baseline")::add);
            }
            return Recognition.store(ENTRY, n);
        }

        @Override
        public LossKind defaultLoss() {
            return LossKind.CTC;
        }

        @Override
        public List<MetricKind> defaultMetrics() {
            return labels.separator() >= 0 || labels.unit() == TokenUnit.WORDS
                    ? List.of(MetricKind.CER, MetricKind.WER, MetricKind.SEQUENCE_ACCURACY)
                    : List.of(MetricKind.CER, MetricKind.SEQUENCE_ACCURACY);
        }

        @Override
        public Tensor encode(Map<String, Object> record) {
            Object file = record.get("file");
            if (file == null) {
                throw new RecordException("a record needs 'file', the path of a WAV file, e.g. {\"file\": \"a.wav\"}");
            }
            float[][] f;
            try {
                f = extractor.compute(wav(Path.of(file.toString()), "the record"));
            } catch (Rnn4jException e) {
                throw new RecordException(e.getMessage());
            }
            if (f.length == 0) {
                throw new RecordException(file + " is shorter than one analysis window");
            }
            return Recognition.flatten(f, extractor.options().dimension());
        }

        @Override
        public Map<String, Object> decode(Tensor output, Map<String, Object> record, Backend backend) {
            throw new IllegalStateException("label sequences are decoded by the model's ctc head (CtcSettings), "
                    + "then turned into text by text()");
        }

        @Override
        public String text(int[] labelIds) {
            return labels.text(labelIds);
        }

        @Override
        public int separator() {
            return labels.separator();
        }
    }
}
