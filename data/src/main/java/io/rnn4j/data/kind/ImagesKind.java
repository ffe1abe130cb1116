package io.rnn4j.data.kind;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.rnn4j.data.images.GreyImage;
import io.rnn4j.data.images.ReadOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: images}: grey images (PNG through {@code javax.imageio}, or rows of pixel values in JSON
 * Lines) read as sequences of rows or of columns ({@code read}), with a class label (many-to-one) or a
 * label sequence (a transcript, for a {@code ctc} head). Every image of a data set must have the width
 * (rows) or height (columns) of the first training image; every error names the file and line.
 */
public final class ImagesKind implements DataKind<ImagesData> {
    static final String ENTRY = "images.json";

    /** Used by {@link java.util.ServiceLoader}. */
    public ImagesKind() {
    }

    @Override
    public String id() {
        return "images";
    }

    @Override
    public Class<ImagesData> specType() {
        return ImagesData.class;
    }

    @Override
    public String description() {
        return "Grey images (PNG or pixel arrays) as sequences of rows or columns, with a class or a label sequence.";
    }

    @Override
    public ValueType inputType(ImagesData spec) {
        return ValueType.sequence(ValueType.UNKNOWN);
    }

    @Override
    public Optional<OutputKind> outputKind(ImagesData spec) {
        return Optional.of(spec.target() == ImageTarget.CLASS ? OutputKind.CLASS : OutputKind.LABEL_SEQUENCES);
    }

    @Override
    public Set<MetricKind> defaultMetrics(ImagesData spec) {
        return spec.target() == ImageTarget.CLASS ? EnumSet.of(MetricKind.ACCURACY, MetricKind.F1)
                : EnumSet.of(MetricKind.CER, MetricKind.WER, MetricKind.SEQUENCE_ACCURACY);
    }

    @Override
    public LoadedData load(ImagesData spec, DataContext context) {
        return read(spec, context, null);
    }

    @Override
    public LoadedData loadWith(ImagesData spec, DataContext context, DataPipeline fitted) {
        return read(spec, context, (Pipeline) fitted);
    }

    private LoadedData read(ImagesData spec, DataContext context, Pipeline fitted) {
        Map<Split, List<ListFile.Row>> rows = Holdouts.split(spec, context);
        List<ListFile.Row> train = rows.get(Split.TRAIN);
        if (train.isEmpty()) {
            throw new Rnn4jException("RNN4J-DATA-062", context.resolve(spec.train()) + ": no images in the training list");
        }
        Pipeline p = fitted;
        if (p == null) {
            GreyImage first = image(train.get(0), spec.scale());
            int features = spec.read() == ReadOrder.ROWS ? first.width() : first.height();
            List<String> labels = new ArrayList<>();
            for (ListFile.Row r : train) {
                labels.add(ListFile.text(r, field(spec), hint(spec)));
            }
            Transcripts vocab = spec.target() == ImageTarget.CLASS
                    ? new Transcripts(TokenUnit.WORDS, new ArrayList<>(new java.util.TreeSet<>(labels)))
                    : Transcripts.fit(spec.tokens(), labels);
            p = new Pipeline(spec.read(), features, spec.target(), vocab, spec.scale(), null);
        }
        Map<Split, List<Recognition.Item>> items = new java.util.EnumMap<>(Split.class);
        for (Map.Entry<Split, List<ListFile.Row>> e : rows.entrySet()) {
            List<Recognition.Item> list = new ArrayList<>();
            for (ListFile.Row r : e.getValue()) {
                list.add(p.item(r, spec));
            }
            items.put(e.getKey(), list);
        }
        if (fitted == null) {
            // the report's baseline, stored with the model: evaluating on another file then needs no training list
            p = p.withBaseline(Recognition.baseline(items.get(Split.TRAIN), spec.target() == ImageTarget.SEQUENCE));
        }
        int k = spec.shift();
        return new Recognition.Data(items, p, spec.target() == ImageTarget.SEQUENCE, p.features,
                k == 0 ? null : shifts(k));
    }

    /**
     * The list file alone, in windows of rows, each image read when its window is: the report's baseline is the
     * one the archive stores (re-derived from the training list for an archive of an earlier rnn4j), so a model
     * moved away from its training data evaluates on any list of images of its size and labels.
     */
    @Override
    public Optional<io.rnn4j.core.spi.StreamedSplit> stream(ImagesData spec, DataContext context, DataPipeline fitted,
            Path file, int window) {
        Pipeline p = (Pipeline) fitted;
        boolean sequences = spec.target() == ImageTarget.SEQUENCE;
        int[] baseline = p.baseline != null ? p.baseline
                : Recognition.legacyBaseline(spec, context, sequences, r -> p.target(r, spec), "the model's data/" + ENTRY);
        return Optional.of(new Recognition.Stream(ListFile.read(file), r -> p.item(r, spec), p, sequences, p.features,
                baseline, window));
    }

    /** Translation by up to {@code k} steps and features each way, drawn {@code dy} then {@code dx}. */
    private static Recognition.Perturbation<int[]> shifts(int k) {
        return new Recognition.Perturbation<>() {
            @Override
            public int[] draw(Recognition.Item item, io.rnn4j.core.RandomSource random) {
                int dy = random.nextInt(2 * k + 1) - k;
                return new int[] {dy, random.nextInt(2 * k + 1) - k};
            }

            @Override
            public int steps(Recognition.Item item, int[] d) {
                return item.steps().length;
            }

            @Override
            public float[][] apply(Recognition.Item item, int[] d) {
                return shifted(item.steps(), d[0], d[1]);
            }
        };
    }

    /** The image translated by {@code dy} steps and {@code dx} features, zeros shifted in. */
    static float[][] shifted(float[][] steps, int dy, int dx) {
        int n = steps.length;
        int f = steps[0].length;
        float[][] out = new float[n][f];
        for (int t = 0; t < n; t++) {
            int src = t - dy;
            if (src < 0 || src >= n) {
                continue;
            }
            for (int c = 0; c < f; c++) {
                int sc = c - dx;
                if (sc >= 0 && sc < f) {
                    out[t][c] = steps[src][sc];
                }
            }
        }
        return out;
    }

    private static String field(ImagesData spec) {
        return spec.target() == ImageTarget.CLASS ? "label" : "text";
    }

    private static String hint(ImagesData spec) {
        return spec.target() == ImageTarget.CLASS ? "give every image its class in 'label'"
                : "give every image its transcript in 'text' (an empty transcript cannot be trained with CTC)";
    }

    @SuppressWarnings("unchecked")
    static GreyImage image(ListFile.Row r, double scale) {
        Object image = r.fields().get("image");
        Object file = r.fields().get("file");
        try {
            if (image instanceof List<?> rows) {
                return GreyImage.fromRows(rows, scale);
            }
            if (file != null && !file.toString().isEmpty()) {
                return GreyImage.read(r.path(file.toString()));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new Rnn4jException("RNN4J-DATA-063", r.where() + ": " + e.getMessage());
        }
        throw new Rnn4jException("RNN4J-DATA-063", r.where() + ": no image: give 'file' (a PNG path, relative to the "
                + "list file) or 'image' (an array of pixel rows)");
    }

    @Override
    public DataPipeline restore(ImagesData spec, Map<String, byte[]> stored, String source) {
        return Recognition.restore(stored, ENTRY, source, m -> {
            @SuppressWarnings("unchecked")
            List<String> tokens = (List<String>) m.get("labels");
            return new Pipeline(ReadOrder.valueOf(m.get("read").toString()), ((Number) m.get("features")).intValue(),
                    ImageTarget.valueOf(m.get("target").toString()),
                    new Transcripts(TokenUnit.valueOf(m.get("tokens").toString()), tokens),
                    ((Number) m.get("scale")).doubleValue(), Recognition.storedBaseline(m));
        });
    }

    /** The fitted pipeline: read order, features per step, the labels. */
    static final class Pipeline implements DataPipeline, LabelSequences {
        private final ReadOrder read;
        final int features;
        private final ImageTarget target;
        private final Transcripts labels;
        private final double scale;
        /** The report's baseline ({@link Recognition#baseline}), or null in an archive of an earlier rnn4j. */
        final int[] baseline;

        Pipeline(ReadOrder read, int features, ImageTarget target, Transcripts labels, double scale, int[] baseline) {
            this.read = read;
            this.features = features;
            this.target = target;
            this.labels = labels;
            this.scale = scale;
            this.baseline = baseline;
        }

        Pipeline withBaseline(int[] b) {
            return new Pipeline(read, features, target, labels, scale, b);
        }

        Recognition.Item item(ListFile.Row r, ImagesData spec) {
            float[][] steps = sequence(image(r, scale), r.where());
            int[] target = target(r, spec);
            if (this.target == ImageTarget.SEQUENCE) {
                Recognition.checkFits(target, steps.length, r.where(), "Use wider images or read: columns.");
            }
            return new Recognition.Item(steps, target, r.where());
        }

        /** The row's class ({@code [c]}) or label sequence; the image is not read. */
        int[] target(ListFile.Row r, ImagesData spec) {
            String text = ListFile.text(r, field(spec), hint(spec));
            int[] target;
            try {
                target = this.target == ImageTarget.CLASS ? new int[] {labels.tokens().indexOf(text)} : labels.labels(text);
            } catch (IllegalArgumentException e) {
                throw new Rnn4jException("RNN4J-DATA-065", r.where() + ": " + e.getMessage()
                        + "; every label must occur in the training list");
            }
            if (target.length == 1 && target[0] < 0) {
                throw new Rnn4jException("RNN4J-DATA-065", r.where() + ": class '" + text + "' is not among the training "
                        + "classes " + labels.tokens());
            }
            return target;
        }

        float[][] sequence(GreyImage img, String where) {
            int got = read == ReadOrder.ROWS ? img.width() : img.height();
            if (got != features) {
                throw new Rnn4jException("RNN4J-DATA-066", where + ": the image is " + img.height() + " x " + img.width()
                        + " but read by " + read.name().toLowerCase(java.util.Locale.ROOT) + " every image must be "
                        + (read == ReadOrder.ROWS ? features + " pixels wide" : features + " pixels high")
                        + " (as the first training image); resize it");
            }
            return img.sequence(read);
        }

        @Override
        public ValueType inputType() {
            return ValueType.sequence(features);
        }

        @Override
        public DataFacts facts() {
            return new DataFacts(labels.size(), DataFacts.UNKNOWN, DataFacts.UNKNOWN);
        }

        @Override
        public Output output() {
            return new Output(target == ImageTarget.CLASS ? OutputKind.CLASS : OutputKind.LABEL_SEQUENCES, labels.size());
        }

        @Override
        public Map<String, byte[]> store() {
            ObjectNode n = Recognition.entry("rnn4j-images");
            n.put("read", read.name());
            n.put("features", features);
            n.put("target", target.name());
            n.put("tokens", labels.unit().name());
            n.put("scale", scale);
            labels.tokens().forEach(n.putArray("labels")::add);
            if (baseline != null) {
                java.util.Arrays.stream(baseline).forEach(n.putArray("baseline")::add);
            }
            return Recognition.store(ENTRY, n);
        }

        @Override
        public LossKind defaultLoss() {
            return target == ImageTarget.CLASS ? LossKind.CROSS_ENTROPY : LossKind.CTC;
        }

        @Override
        public List<MetricKind> defaultMetrics() {
            return target == ImageTarget.CLASS ? List.of(MetricKind.ACCURACY)
                    : List.of(MetricKind.CER, MetricKind.SEQUENCE_ACCURACY);
        }

        @Override
        public Tensor encode(Map<String, Object> record) {
            String example = "{\"image\": [[0, 128, 255], [255, 0, 0]]} or {\"file\": \"digit.png\"}";
            Object image = record.get("image");
            Object file = record.get("file");
            GreyImage img;
            try {
                if (image instanceof List<?> rows) {
                    img = GreyImage.fromRows(rows, scale);
                } else if (file != null) {
                    img = GreyImage.read(Path.of(file.toString()));
                } else {
                    throw new RecordException("a record needs 'image' (rows of pixels) or 'file' (a PNG path), e.g. "
                            + example);
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new RecordException(e.getMessage() + "; e.g. " + example);
            }
            float[][] steps;
            try {
                steps = sequence(img, "the record");
            } catch (Rnn4jException e) {
                throw new RecordException(e.getMessage());
            }
            return Recognition.flatten(steps, features);
        }

        @Override
        public Map<String, Object> decode(Tensor output, Map<String, Object> record, Backend backend) {
            if (target == ImageTarget.CLASS) {
                return Decoding.classes(output, labels.tokens()::get, backend);
            }
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
