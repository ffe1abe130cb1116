package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.cli.Main;
import io.rnn4j.runtime.ExperimentRunner;
import io.rnn4j.runtime.Rnn4jModule;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-file fuzz test (issue 10), next to the YAML one in the dsl module: generated broken CSV, JSON Lines
 * and text files (truncations, wrong types, huge and tiny values, other encodings, ragged rows, control
 * characters, duplicate keys, unclosed quotes) go through loading (the experiment's data, as {@code train} and
 * {@code evaluate} load it) and through {@code rnn4j predict} itself (the command, on a trained model). Every file must end as
 * an accepted file or an {@link Rnn4jException} that names the file (loading) or the line (predict): no other
 * exception, no hang. The counts are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataFileFuzzTest {
    private static final long SEED = 20261202L;
    private static final int LOAD_FILES = 1_000;
    private static final int PREDICT_FILES = 400;

    @TempDir
    static Path dir;

    private ExperimentRunner runner;
    private ExecutorService pool;
    private Path sequenceModel;
    private Path textModel;
    private final Map<String, Path> experiments = new TreeMap<>();
    private final Map<String, String> bases = new TreeMap<>();

    @BeforeAll
    void setUp() throws Exception {
        Injector injector = Guice.createInjector(new Rnn4jModule(getClass().getClassLoader()));
        runner = injector.getInstance(ExperimentRunner.class);
        pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
        Random r = new Random(SEED);
        StringBuilder csv = new StringBuilder("month,passengers\n");
        for (int i = 0; i < 40; i++) {
            csv.append(String.format("19%02d-%02d,%d%n", 50 + i / 12, 1 + i % 12, 100 + r.nextInt(300)));
        }
        StringBuilder reviews = new StringBuilder("review,score\n");
        String[] words = {"good", "bad", "tea", "coffee", "stale", "fresh", "great", "awful", "café", "naïve"};
        for (int i = 0; i < 40; i++) {
            reviews.append('"');
            for (int w = 0; w < 3 + r.nextInt(6); w++) {
                reviews.append(w == 0 ? "" : " ").append(words[r.nextInt(words.length)]);
            }
            reviews.append("\",").append(i % 2 == 0 ? "great" : "other").append('\n');
        }
        StringBuilder seq = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            seq.append("{\"x\": [");
            for (int t = 0; t < 2 + r.nextInt(4); t++) {
                seq.append(t == 0 ? "" : ", ").append(String.format("[%.3f, %.3f]", r.nextGaussian(), r.nextGaussian()));
            }
            seq.append("], \"y\": ").append(i % 2).append("}\n");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            text.append(words[r.nextInt(words.length)]).append(i % 9 == 8 ? ".\n" : " ");
        }
        bases.put("csv-series", csv.toString());
        bases.put("csv-text", reviews.toString());
        bases.put("jsonl", seq.toString());
        bases.put("text", text.toString());
        experiments.put("csv-series", experiment("series", "data.csv", "{type: time_series, train: data.csv, time: month, "
                + "targets: [passengers], lookback: 4, horizon: 1}", "[{lstm: {units: 4}}]", "{many_to_one: {outputs: 1}}"));
        experiments.put("csv-text", experiment("reviews", "reviews.csv", "{type: text_classification, train: reviews.csv, "
                + "text: review, label: score, max_length: 12}", "[{embedding: {dim: 4}}, {gru: {units: 4}}]",
                "{many_to_one: {pooling: last}}"));
        experiments.put("jsonl", experiment("seq", "seq.jsonl", "{type: sequences, train: seq.jsonl}",
                "[{lstm: {units: 4}}]", "{many_to_one: {pooling: last}}"));
        experiments.put("text", experiment("corpus", "corpus.txt", "{type: text, train: corpus.txt, sequence_length: 8, "
                + "tokenizer: {type: char}}", "[{embedding: {dim: 4}}, {gru: {units: 4}}]", "{many_to_many: {}}"));
        sequenceModel = trained("jsonl");
        textModel = trained("csv-text");
    }

    @AfterAll
    void tearDown() {
        pool.shutdownNow();
    }

    private Path experiment(String name, String file, String data, String layers, String head) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve(file), bases.get(kindOf(name)),
                StandardCharsets.UTF_8);
        Path exp = d.resolve("experiment.yaml");
        Files.writeString(exp, "version: 1\nname: " + name + "\ndata: " + data + "\nmodel:\n  layers: " + layers
                + "\n  head: " + head + "\ntraining: {epochs: 1, batch_size: 8}\n");
        return exp;
    }

    private static String kindOf(String name) {
        return switch (name) {
            case "series" -> "csv-series";
            case "reviews" -> "csv-text";
            case "seq" -> "jsonl";
            default -> "text";
        };
    }

    private Path trained(String kind) {
        Path out = dir.resolve("model-" + kind);
        return runner.train(experiments.get(kind), new ExperimentRunner.TrainOptions(out, null, List.of(), 1, List.of()))
                .archive();
    }

    /** What one file came to. */
    private record Outcome(String kind, String detail) {
    }

    @Test
    void brokenDataFilesAreAcceptedOrRefusedWithALocatedErrorNeverWithAStackTraceOrAHang() throws Exception {
        Random r = new Random(SEED);
        Map<String, Integer> counts = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<String> kinds = List.copyOf(bases.keySet());
        long start = System.nanoTime();
        for (int i = 0; i < LOAD_FILES; i++) {
            String kind = kinds.get(i % kinds.size());
            Mutated m = Mutator.mutate(bases.get(kind), kind, r);
            Path exp = experiments.get(kind);
            Path f = exp.resolveSibling("fuzz-" + i + extension(kind));
            Files.write(f, m.bytes());
            Outcome o = run(() -> {
                runner.prepare(exp, List.of("data.train=" + f.toAbsolutePath()));
                return null;
            }, f, false);
            count(counts, failures, "load " + kind, o, i + " (" + m.what() + ")");
            Files.delete(f);
        }
        double loadSecs = (System.nanoTime() - start) / 1e9;
        for (int i = 0; i < PREDICT_FILES; i++) {
            boolean text = i % 2 == 1;
            String base = text ? "{\"text\": \"great fresh tea\"}\n{\"text\": \"stale coffee\"}\n"
                    : bases.get("jsonl").lines().limit(3).reduce("", (a, b) -> a + b + "\n");
            Mutated m = Mutator.mutate(base, "jsonl", r);
            Path f = dir.resolve("predict-" + i + ".jsonl");
            Files.write(f, m.bytes());
            Path model = text ? textModel : sequenceModel;
            Outcome o = run(() -> {
                // the real predict: the command itself, on the model archive, as a user runs it
                CliRun p = CliRun.of("predict", model.toString(), "--input", f.toString());
                if (p.code() == 0) {
                    return null;
                }
                java.util.regex.Matcher id = java.util.regex.Pattern.compile("RNN4J-[A-Z]+-\\d+").matcher(p.err());
                if (p.code() != Main.EXIT_ERROR || !p.err().startsWith("error: ") || !id.find()) {
                    throw new IllegalStateException("predict exited " + p.code() + ": " + p.err());
                }
                String message = p.err().substring("error: ".length()).strip();
                throw new Rnn4jException(id.group(), message.startsWith(id.group() + ": ")
                        ? message.substring(id.group().length() + 2) : message);
            }, f, true);
            count(counts, failures, "predict " + (text ? "text" : "sequences"), o, i + " (" + m.what() + ")");
            Files.delete(f);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        StringBuilder report = new StringBuilder(String.format("data-file fuzz: %d files in %.1f s (loading %d: %.1f s, "
                + "predict %d: %.1f s)%n", LOAD_FILES + PREDICT_FILES, secs, LOAD_FILES, loadSecs, PREDICT_FILES,
                secs - loadSecs));
        counts.forEach((k, v) -> report.append(String.format("  %-60s %5d%n", k, v)));
        report.append("  failures: ").append(failures.size()).append('\n');
        System.out.print(report);
        assertThat(failures).as(report.toString()).isEmpty();
        assertThat(counts.keySet()).as("both outcomes occur").anyMatch(k -> k.contains("accepted"))
                .anyMatch(k -> k.contains("RNN4J-DATA-"));
    }

    private static String extension(String kind) {
        return kind.startsWith("csv") ? ".csv" : kind.equals("jsonl") ? ".jsonl" : ".txt";
    }

    private static void count(Map<String, Integer> counts, List<String> failures, String where, Outcome o, String file) {
        counts.merge(where + ": " + o.kind(), 1, Integer::sum);
        if (o.kind().startsWith("FAILURE")) {
            failures.add(where + " file " + file + ": " + o.detail());
        }
    }

    private Outcome run(java.util.concurrent.Callable<Void> job, Path file, boolean predict) {
        Future<Void> f = pool.submit(job);
        try {
            f.get(20, TimeUnit.SECONDS);
            return new Outcome("accepted", "");
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome("FAILURE hang", "no answer in 20 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome("FAILURE interrupted", e.toString());
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof Rnn4jException x) {
                String m = x.getMessage();
                boolean located = m.contains(file.getFileName().toString())
                        && (!predict || m.matches("(?s).*(\\bline \\d+|:\\d+: ).*"));
                if (!located) {
                    return new Outcome("FAILURE unlocated " + x.id(), m);
                }
                return new Outcome("refused " + x.id(), m);
            }
            java.io.StringWriter sw = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(sw));
            return new Outcome("FAILURE " + t.getClass().getSimpleName(), sw.toString());
        }
    }

    /** A generated file and what was done to it. */
    record Mutated(byte[] bytes, String what) {
    }

    /** Breaks a valid file in the ways users' files are broken. */
    static final class Mutator {
        private static final String[] VALUES = {"abc", "", "NaN", "Infinity", "-Infinity", "1e39", "-1e39", "1e400",
            "1e-50", "4.9e-324", "0x1F", "1,5", "1_000", "true", "null", "[]", "{}", "\"\"", "\"5\"", "1e", "--1",
            "99999999999999999999999999", "3.4028235e38", "3.5e38", "-0", "+1", ".5", "5.", "\u00a0", "１２"};
        private static final String[] CONTROLS = {"\u0000", "\u0001", "\u001b", "\u007f", "\u0085", "\u2028", "\ufffe",
            "\t", "\r", "\u000b", "\uFEFF"};

        private Mutator() {
        }

        static Mutated mutate(String base, String kind, Random r) {
            String s = base;
            List<String> what = new ArrayList<>();
            int n = 1 + r.nextInt(3);
            byte[] bytes = null;
            for (int k = 0; k < n; k++) {
                int op = r.nextInt(12);
                switch (op) {
                    case 0 -> {
                        int cut = r.nextInt(s.length() + 1);
                        s = s.substring(0, cut);
                        what.add("truncated at " + cut);
                    }
                    case 1 -> {
                        s = replaceNumber(s, VALUES[r.nextInt(VALUES.length)], r);
                        what.add("a value replaced");
                    }
                    case 2 -> {
                        int at = r.nextInt(s.length() + 1);
                        String c = CONTROLS[r.nextInt(CONTROLS.length)];
                        s = s.substring(0, at) + c + s.substring(at);
                        what.add("control character U+" + Integer.toHexString(c.charAt(0)));
                    }
                    case 3 -> {
                        s = ragged(s, r);
                        what.add("ragged row");
                    }
                    case 4 -> {
                        s = kind.equals("jsonl") ? s.replaceFirst("\"y\": ", "\"y\": 1, \"y\": ")
                                : s.replaceFirst("\n", "\n\"unclosed,");
                        what.add(kind.equals("jsonl") ? "duplicate key" : "unclosed quote");
                    }
                    case 5 -> {
                        s = "";
                        what.add("empty");
                    }
                    case 6 -> {
                        s = s.replace("\n", r.nextBoolean() ? "\r\n" : "\r");
                        what.add("other line endings");
                    }
                    case 7 -> {
                        String line = s.lines().findFirst().orElse("");
                        s = s + line.repeat(2000 + r.nextInt(2000)) + "\n";
                        what.add("a very long line");
                    }
                    case 8 -> {
                        s = s.replace(",", r.nextBoolean() ? ";" : "\t");
                        what.add("other separators");
                    }
                    case 9 -> {
                        s = s.replace("[", "").replace("]", "");
                        what.add("brackets removed");
                    }
                    default -> {
                        what.add("encoding");
                    }
                }
            }
            bytes = s.getBytes(StandardCharsets.UTF_8);
            if (what.contains("encoding")) {
                int e = r.nextInt(5);
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                switch (e) {
                    case 0 -> bytes = s.getBytes(StandardCharsets.ISO_8859_1);
                    case 1 -> {
                        bytes = s.getBytes(StandardCharsets.UTF_16); // with its byte-order mark
                    }
                    case 2 -> {
                        b.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                        b.writeBytes(bytes);
                        bytes = b.toByteArray();
                    }
                    case 3 -> {
                        if (bytes.length > 0) {
                            bytes = bytes.clone();
                            bytes[r.nextInt(bytes.length)] = (byte) (0x80 + r.nextInt(0x80));
                        }
                    }
                    default -> {
                        // a CESU-style encoded surrogate, which strict UTF-8 refuses
                        b.writeBytes(bytes);
                        b.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
                        bytes = b.toByteArray();
                    }
                }
                what.set(what.indexOf("encoding"), "encoding " + e);
            }
            return new Mutated(bytes, String.join(", ", what));
        }

        private static String replaceNumber(String s, String value, Random r) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?").matcher(s);
            List<int[]> spans = new ArrayList<>();
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
            }
            if (spans.isEmpty()) {
                return s + value;
            }
            int[] p = spans.get(r.nextInt(spans.size()));
            return s.substring(0, p[0]) + value + s.substring(p[1]);
        }

        private static String ragged(String s, Random r) {
            List<String> lines = new ArrayList<>(s.lines().toList());
            if (lines.size() < 2) {
                return s + ",x";
            }
            int i = 1 + r.nextInt(lines.size() - 1);
            String l = lines.get(i);
            lines.set(i, r.nextBoolean() ? l + ",extra" : l.contains(",") ? l.substring(0, l.lastIndexOf(',')) : l + ",");
            return String.join("\n", lines) + "\n";
        }
    }
}
