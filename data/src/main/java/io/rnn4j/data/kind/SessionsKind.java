package io.rnn4j.data.kind;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.data.OutputKind;
import io.rnn4j.core.data.RecordException;
import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.DataContext;
import io.rnn4j.core.spi.DataKind;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.train.Split;
import io.rnn4j.data.DataErrors;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Dataset;
import io.rnn4j.data.Example;
import io.rnn4j.data.Input;
import io.rnn4j.data.InputKind;
import io.rnn4j.data.Target;
import io.rnn4j.data.TargetKind;
import io.rnn4j.data.Vocabulary;
import io.rnn4j.data.internal.CsvTable;
import io.rnn4j.data.internal.Problem;
import io.rnn4j.data.sessions.Event;
import io.rnn4j.data.sessions.ItemKnn;
import io.rnn4j.data.sessions.ItemSessions;
import io.rnn4j.data.sessions.MostPopular;
import io.rnn4j.data.sessions.RankingScore;
import io.rnn4j.data.sessions.Session;
import io.rnn4j.data.sessions.TimeSplit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rnn4j.core.spi.StreamedSplit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: sessions}: next-item recommendation in the manner of GRU4Rec (Hidasi et al. 2016).
 * Events are cut into sessions at a pause longer than {@code gap}, split by time (the end of the
 * timeline is the test set), and encoded with an item vocabulary built on the training sessions. Each
 * session is an example: input items {@code 1..n-1}, target the next item at every step (a
 * {@code many_to_many} head over the items). Its report holds the most-popular and item-kNN baselines'
 * Recall@20 and MRR@20 on the same events as the model's {@code recall_at_20} and {@code mrr_at_20};
 * {@code predict} takes {@code {"items": [...]}} and returns the top-k next items with titles and scores.
 * With {@code exclude_seen} the items already in a session are left out of all three rankings and of
 * {@code predict}'s top k: the batches carry each piece's earlier items ({@link io.rnn4j.core.train.TrainBatch#seen()}),
 * the baselines rank with {@link io.rnn4j.data.sessions.NextItemBaseline#rankUnseen}.
 */
public final class SessionsKind implements DataKind<SessionsData> {
    static final String EXAMPLE = "{\"items\": [\"2571\", \"1196\"]}";
    private static final String TITLES = "item_titles.json";
    /** The encoded training sessions the report's baselines are fitted on (item ids only, one session a line). */
    private static final String BASELINE_SESSIONS = "baseline_sessions.txt";
    /** A file to evaluate on with no session this model can score. */
    static final String NOTHING_TO_SCORE = "RNN4J-DATA-170";
    /** An archive without the baselines' sessions, whose training file is gone. */
    static final String NO_BASELINE = "RNN4J-DATA-171";

    /** Used by {@link java.util.ServiceLoader}. */
    public SessionsKind() {
    }

    @Override
    public String id() {
        return "sessions";
    }

    @Override
    public Class<SessionsData> specType() {
        return SessionsData.class;
    }

    @Override
    public String description() {
        return "Interaction events (user, item, time) cut into sessions for next-item recommendation (GRU4Rec).";
    }

    @Override
    public ValueType inputType(SessionsData spec) {
        return ValueType.tokens(ValueType.UNKNOWN);
    }

    @Override
    public Optional<OutputKind> outputKind(SessionsData spec) {
        return Optional.of(OutputKind.STEP_CLASSES);
    }

    @Override
    public Set<MetricKind> defaultMetrics(SessionsData spec) {
        return EnumSet.of(MetricKind.RECALL_AT_20, MetricKind.MRR_AT_20, MetricKind.ACCURACY);
    }

    @Override
    public LoadedData load(SessionsData spec, DataContext context) {
        double validation = share(spec.validation(), "validation");
        double test = share(spec.test(), "test");
        if (validation + test >= 1) {
            throw DataErrors.invalidOption("validation", validation + " with test " + test,
                    "shares whose sum is below 1 (the rest is for training)");
        }
        List<Event> events = Event.read(context.resolve(spec.train()), spec.user(), spec.item(), spec.time(), "train");
        List<Session> sessions = Session.split(events, spec.gap());
        TimeSplit split = TimeSplit.byEnd(sessions, validation, test);
        if (split.train().isEmpty()) {
            throw Problem.of(DataErrors.EMPTY, "no training sessions").file(spec.train())
                    .found(sessions.size() + " sessions, none before the validation and test cuts")
                    .expected("sessions that end before the last " + (validation + test) + " of the timeline")
                    .fix("lower `data.validation` and `data.test`, or give more events.").error();
        }
        Vocabulary items = ItemSessions.vocabulary(split.train(), spec.minCount());
        if (items.size() < 3) {
            throw Problem.of(DataErrors.EMPTY, "no items in the vocabulary").file(spec.train())
                    .found("no item seen " + spec.minCount() + " times in the training sessions")
                    .expected("at least one item").fix("lower `data.min_count`.").error();
        }
        Map<String, String> titles = spec.titles() == null ? Map.of() : readTitles(context, spec, items);
        List<int[]> train = ItemSessions.encode(split.train(), items);
        List<int[]> val = ItemSessions.encode(split.validation(), items);
        List<int[]> tst = ItemSessions.encode(split.test(), items);
        DataSchema schema = new DataSchema(InputKind.TOKENS, items.size(), TargetKind.STEP_CLASSES, items.size(),
                List.of(), List.of(), Optional.of(items), Optional.empty(), Optional.empty(), Optional.empty());
        Pieces pieces = new Pieces();
        Dataset d = new Dataset.Plain(id(), pieces.examples(train, spec.maxLength()),
                pieces.examples(val, spec.maxLength()), pieces.examples(tst, spec.maxLength()), schema);
        Pipeline p = new Pipeline(schema, titles, spec.topK(), train, spec.excludeSeen());
        Baselines baselines = new Baselines(train, items.size(), spec.knnLambda(), spec.excludeSeen());
        return new ExampleData(d, p, (s, ctx) -> baselines.report(s, s == Split.TRAIN ? train
                : s == Split.VALIDATION ? val : tst), null, spec.excludeSeen() ? pieces::seen : null);
    }

    /**
     * The pieces a long session is cut into, each remembering the session's items before its first step, so that
     * with {@code exclude_seen} the network's ranking at every step leaves out the whole session so far, as the
     * baselines' does (not only the piece's items).
     */
    static final class Pieces {
        private final Map<Example, int[]> before = new java.util.IdentityHashMap<>();

        /** {@link SessionsKind#examples}, remembering each piece's earlier items. */
        List<Example> examples(List<int[]> sessions, int maxLength) {
            List<Example> out = SessionsKind.examples(sessions, maxLength);
            int e = 0;
            for (int[] s : sessions) {
                for (int from = 0; from + 1 < s.length; from += maxLength) {
                    before.put(out.get(e++), java.util.Arrays.copyOf(s, from));
                }
            }
            return out;
        }

        /** The items before the first step of each of {@code rows} (examples this object cut), in order. */
        io.rnn4j.core.metrics.SeenItems seen(List<Example> rows) {
            int[][] out = new int[rows.size()][];
            for (int i = 0; i < out.length; i++) {
                int[] b = before.get(rows.get(i));
                if (b == null) {
                    throw new IllegalStateException("example " + i + " of the batch is not a piece of these sessions");
                }
                out[i] = b;
            }
            return new io.rnn4j.core.metrics.SeenItems(out);
        }
    }

    /** Most popular and item-kNN, fitted on the training sessions, scored on the model's events. */
    private static final class Baselines {
        private final int items;
        private final MostPopular pop;
        private final ItemKnn knn;
        private final boolean excludeSeen;

        Baselines(List<int[]> train, int items, double lambda, boolean excludeSeen) {
            this.items = items;
            this.pop = new MostPopular(train, items);
            this.knn = new ItemKnn(train, items, lambda);
            this.excludeSeen = excludeSeen;
        }

        Report report(Split split, List<int[]> part) {
            RankingScore a = pop.score(part, 20, excludeSeen);
            RankingScore b = knn.score(part, 20, excludeSeen);
            return new Report(split, a.events(), part.size(), items, a.recall(), a.mrr(), b.recall(), b.mrr(),
                    excludeSeen);
        }
    }

    /**
     * The file alone ({@code evaluate --data}): its events cut into sessions at the model's {@code gap}, every
     * session the test split (no time split), encoded with the model's stored item vocabulary (unknown items
     * left out, sessions of fewer than two known items dropped, as in training). The report's baselines are
     * fitted on the model's training sessions, which the archive stores (re-derived from the training file for
     * an archive of an earlier rnn4j); so they are the ones training reported, scored on the file's events.
     * The file's sessions are held whole (the baselines' ranks need each whole session).
     *
     * @throws Rnn4jException {@code RNN4J-DATA-170} when no session of the file has two items the model knows;
     *                        {@code RNN4J-DATA-171} when the archive stores no baseline sessions and the training
     *                        file is gone; the events file's own errors as in training (missing column, bad time)
     */
    @Override
    public Optional<StreamedSplit> stream(SessionsData spec, DataContext context, DataPipeline fitted, Path file,
            int window) {
        Pipeline p = (Pipeline) fitted;
        List<int[]> train = p.baselineSessions != null ? p.baselineSessions : legacyBaselineSessions(spec, context, p);
        List<Event> events = Event.read(file, spec.user(), spec.item(), spec.time(), "--data");
        List<Session> sessions = Session.split(events, spec.gap());
        List<int[]> scored = ItemSessions.encode(sessions, p.items);
        if (scored.isEmpty()) {
            long known = events.stream().filter(e -> p.items.contains(e.item())).count();
            throw Problem.of(NOTHING_TO_SCORE, "no session to score").file(file.toString())
                    .found(events.size() + " events in " + sessions.size() + " sessions (cut at pauses over " + spec.gap()
                            + " s), " + known + " of the events of items this model knows; no session has two of them")
                    .expected("sessions with at least two items of the model's vocabulary of " + (p.items.size() - 2)
                            + " items (in column `" + spec.item() + "`, ids as in the training file, such as \""
                            + p.items.token(2) + "\")")
                    .fix("evaluate on events of the same catalogue, with the same user, item and time columns as the "
                            + "training file.").error();
        }
        Baselines baselines = new Baselines(train, p.items.size(), spec.knnLambda(), spec.excludeSeen());
        Report report = baselines.report(Split.TEST, scored);
        Pieces pieces = new Pieces();
        return Optional.of(ExampleStream.held(pieces.examples(scored, spec.maxLength()), ctx -> report, window,
                spec.excludeSeen() ? pieces::seen : null));
    }

    /**
     * The baselines' training sessions of a model whose archive does not store them (an earlier rnn4j): the
     * training file split again as training split it, encoded with the model's vocabulary.
     */
    private static List<int[]> legacyBaselineSessions(SessionsData spec, DataContext context, Pipeline p) {
        Path train = context.resolve(spec.train());
        if (!java.nio.file.Files.isRegularFile(train)) {
            throw new Rnn4jException(NO_BASELINE, "the model's data/ stores no " + BASELINE_SESSIONS + " (the archive "
                    + "was written by an earlier rnn4j), so evaluating on another file fits the report's most-popular and "
                    + "item-kNN baselines again on the training sessions of " + train + ", which is not there any more "
                    + "(moved or deleted). Put that file back at that path, or retrain the model with this rnn4j (its "
                    + "archive then stores the baselines' sessions and needs no training data).");
        }
        List<Session> sessions = Session.split(Event.read(train, spec.user(), spec.item(), spec.time(), "train"),
                spec.gap());
        TimeSplit split = TimeSplit.byEnd(sessions, share(spec.validation(), "validation"), share(spec.test(), "test"));
        return ItemSessions.encode(split.train(), p.items);
    }

    private static double share(SplitSource s, String name) {
        if (s == null) {
            return 0;
        }
        if (s.file() != null) {
            throw DataErrors.invalidOption(name, "the file " + s.file(), "a fraction such as 0.1: sessions are split by "
                    + "time (the sessions that end last are the test set), not by file");
        }
        return s.fraction();
    }

    /** Sessions as examples; a session longer than {@code maxLength} events is cut into pieces. */
    static List<Example> examples(List<int[]> sessions, int maxLength) {
        List<Example> out = new ArrayList<>();
        int n = 0;
        for (int[] s : sessions) {
            for (int from = 0; from + 1 < s.length; from += maxLength) {
                int to = Math.min(s.length, from + maxLength + 1);
                int[] in = java.util.Arrays.copyOfRange(s, from, to - 1);
                int[] next = java.util.Arrays.copyOfRange(s, from + 1, to);
                out.add(new Example(new Input.Tokens(in), new Target.StepClasses(next), n));
            }
            n++;
        }
        return out;
    }

    private static Map<String, String> readTitles(DataContext context, SessionsData spec, Vocabulary items) {
        CsvTable t = CsvTable.read(context.resolve(spec.titles()), "titles");
        int i = t.column("item", "data.titles");
        int c = t.column("title", "data.titles");
        Map<String, String> out = new LinkedHashMap<>();
        for (int r = 0; r < t.rows(); r++) {
            String id = t.cell(r, i).strip();
            if (items.contains(id)) {
                out.put(id, t.cell(r, c));
            }
        }
        return out;
    }

    @Override
    public LoadedData loadWith(SessionsData spec, DataContext context, DataPipeline fitted) {
        return Refit.checked(load(spec, context), fitted);
    }

    @Override
    public DataPipeline restore(SessionsData spec, Map<String, byte[]> stored, String source) {
        DataSchema schema = SchemaPipeline.restoreSchema(stored, source);
        Map<String, String> titles = new LinkedHashMap<>();
        byte[] t = stored.get(TITLES);
        if (t != null) {
            try {
                JsonNode n = new ObjectMapper().readTree(new String(t, StandardCharsets.UTF_8));
                n.fields().forEachRemaining(e -> titles.put(e.getKey(), e.getValue().asText()));
            } catch (java.io.IOException e) {
                throw new Rnn4jException(DataErrors.CORRUPT_METADATA, source + TITLES + " is not JSON: " + e.getMessage()
                        + ". Fix: retrain the model, or restore the archive from a copy.");
            }
        }
        List<int[]> baseline = null;
        byte[] b = stored.get(BASELINE_SESSIONS);
        if (b != null) {
            baseline = readSessions(new String(b, StandardCharsets.UTF_8), schema.vocabulary().orElseThrow().size(),
                    source + BASELINE_SESSIONS);
        }
        return new Pipeline(schema, titles, spec.topK(), baseline, spec.excludeSeen());
    }

    /** One session a line, item ids separated by spaces. */
    static String writeSessions(List<int[]> sessions) {
        StringBuilder sb = new StringBuilder();
        for (int[] s : sessions) {
            for (int i = 0; i < s.length; i++) {
                sb.append(i == 0 ? "" : " ").append(s[i]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static List<int[]> readSessions(String text, int items, String source) {
        List<int[]> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int l = 0; l < lines.length; l++) {
            if (lines[l].isEmpty()) {
                continue;
            }
            String[] parts = lines[l].split(" ");
            int[] s = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    s[i] = Integer.parseInt(parts[i]);
                } catch (NumberFormatException e) {
                    s[i] = -1;
                }
                if (s[i] < 0 || s[i] >= items) {
                    throw new Rnn4jException(DataErrors.CORRUPT_METADATA, source + " line " + (l + 1) + ": \"" + parts[i]
                            + "\" is not an item id below " + items + ". Fix: retrain the model, or restore the archive "
                            + "from a copy.");
                }
            }
            out.add(s);
        }
        return out;
    }

    /**
     * The report of a sessions split: the baselines, on the same events as the model's metrics.
     *
     * @param split                    the split
     * @param events                   next-item events scored
     * @param sessions                 sessions with at least two known items
     * @param items                    the item vocabulary's size (reserved ids included)
     * @param mostPopularRecallAt20    Recall@20 of recommending the training split's most popular items
     * @param mostPopularMrrAt20       its MRR@20
     * @param itemKnnRecallAt20        Recall@20 of item-to-item co-occurrence neighbours of the last item
     * @param itemKnnMrrAt20           its MRR@20
     * @param excludeSeen              whether the items already in a session were left out of every ranking (the
     *                                 model's {@code recall_at_20} and {@code mrr_at_20} as well as these)
     */
    public record Report(Split split, long events, int sessions, int items, double mostPopularRecallAt20,
                         double mostPopularMrrAt20, double itemKnnRecallAt20, double itemKnnMrrAt20,
                         boolean excludeSeen) implements TaskReport {
    }

    /** Items in, the next item at every step out; {@code predict} returns the last step's top k. */
    static final class Pipeline extends SchemaPipeline {
        private final Vocabulary items;
        private final Map<String, String> titles;
        private final int topK;
        /** The training sessions the baselines are fitted on; {@code null} for an archive that lacks them. */
        private final List<int[]> baselineSessions;
        /** Whether {@code predict} leaves the session's own items out of its top k. */
        private final boolean excludeSeen;

        Pipeline(DataSchema schema, Map<String, String> titles, int topK, List<int[]> baselineSessions,
                boolean excludeSeen) {
            super(schema);
            this.items = schema.vocabulary().orElseThrow();
            this.titles = titles;
            this.topK = topK;
            this.baselineSessions = baselineSessions;
            this.excludeSeen = excludeSeen;
        }

        @Override
        public Map<String, byte[]> store() {
            Map<String, byte[]> out = new LinkedHashMap<>(super.store());
            ObjectNode n = new ObjectMapper().createObjectNode();
            titles.forEach(n::put);
            out.put(TITLES, bytes(n.toString()));
            if (baselineSessions != null) {
                out.put(BASELINE_SESSIONS, bytes(writeSessions(baselineSessions)));
            }
            return out;
        }

        @Override
        public List<MetricKind> defaultMetrics() {
            return List.of(MetricKind.RECALL_AT_20, MetricKind.MRR_AT_20, MetricKind.ACCURACY);
        }

        /** {@code {"items": ["2571", 1196, ...]}}: item ids as strings or whole numbers; unknown items are skipped. */
        @Override
        public Tensor encode(Map<String, Object> record) {
            Records.onlyFields(record, Set.of("items"), EXAMPLE);
            Object v = Records.required(record, "items", EXAMPLE);
            if (!(v instanceof List<?> list) || list.isEmpty()) {
                throw new RecordException("\"items\" must be a non-empty list of item ids, found " + Records.describe(v)
                        + ", for example " + EXAMPLE + ".");
            }
            List<Float> ids = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object o = list.get(i);
                if (!(o instanceof String || o instanceof Integer || o instanceof Long)) {
                    throw new RecordException("\"items\"[" + i + "] is " + Records.describe(o) + ", but item ids are "
                            + "strings or whole numbers, for example " + EXAMPLE + ".");
                }
                String id = String.valueOf(o);
                if (items.contains(id)) {
                    ids.add((float) items.id(id));
                }
            }
            if (ids.isEmpty()) {
                throw new RecordException("none of the " + list.size() + " items is known to this model (items seen fewer "
                        + "than min_count times in training are not); give at least one item of its vocabulary, such as \""
                        + items.token(2) + "\".");
            }
            float[] out = new float[ids.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ids.get(i);
            }
            return Tensor.of(out, out.length);
        }

        /**
         * The top k items after the last step: {@code {"next": [{"item", "title", "score"}, ...]}}, scores softmax
         * probabilities (over all items). With {@code exclude_seen}, the record's own items are not among them.
         */
        @Override
        public Map<String, Object> decode(Tensor output, Map<String, Object> record, Backend backend) {
            int steps = output.dim(0);
            int n = output.dim(1);
            float[] last = new float[n];
            System.arraycopy(output.data(), output.offset() + (steps - 1) * n, last, 0, n);
            float[] p = Decoding.softmax(last, backend);
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> p[a] != p[b] ? Float.compare(p[b], p[a]) : Integer.compare(a, b));
            Set<Integer> given = excludeSeen ? given(record) : Set.of();
            List<Object> next = new ArrayList<>();
            for (int r = 0, taken = 0; r < n && taken < topK; r++) {
                int id = order[r];
                if (id == Vocabulary.PAD || id == Vocabulary.UNK || given.contains(id)) {
                    continue;
                }
                Map<String, Object> e = new LinkedHashMap<>();
                String item = items.token(id);
                e.put("item", item);
                if (titles.containsKey(item)) {
                    e.put("title", titles.get(item));
                }
                e.put("score", (double) p[id]);
                next.add(e);
                taken++;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("next", next);
            return out;
        }

        /** The ids of the record's items this model knows (those {@link #encode} gave the network). */
        private Set<Integer> given(Map<String, Object> record) {
            Set<Integer> out = new java.util.HashSet<>();
            if (record != null && record.get("items") instanceof List<?> list) {
                for (Object o : list) {
                    String id = String.valueOf(o);
                    if (items.contains(id)) {
                        out.add(items.id(id));
                    }
                }
            }
            return out;
        }
    }
}
