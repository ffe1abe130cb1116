package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A model file is all you need (issue 9, section 2): for every built-in data kind, a small model is trained,
 * then its archive is copied into a fresh directory and the experiment and its data are deleted;
 * {@code inspect}, {@code predict}, {@code generate}, {@code export} and {@code evaluate --data FILE} give the
 * same bytes as before the move (for every kind here: what evaluating on another file needs, such as a
 * forecaster's transforms and normalization or a recognizer's or tune model's baseline, is stored in the
 * archive), and {@code evaluate} on a split of the deleted data is a located error that says to pass
 * {@code --data}. ({@code sessions} is not a case: it splits one event file by time and evaluates on no other
 * file.)
 */
class MoveModelTest {
    @TempDir
    Path dir;

    /**
     * One kind's experiment: its YAML, how to write its data, its predict input (written outside the project,
     * so it survives the move), generate arguments, and the data file (in the experiment's directory) that
     * {@code evaluate --data} is given (copied elsewhere with the files beside it, which an audio list names).
     */
    record Case(String name, String yaml, DataWriter data, InputWriter input, List<String> generate, String evalFile) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Writes a case's data files into the experiment's directory. */
    interface DataWriter {
        void write(Path dir) throws Exception;
    }

    /** The predict input (JSON Lines) of a case, and any files it names, written into {@code dir}. */
    interface InputWriter {
        String write(Path dir) throws Exception;
    }

    static Stream<Case> kinds() {
        return Stream.of(
                new Case("time_series", """
                        version: 1
                        name: move-ts
                        data: {type: time_series, train: series.csv, time: month, targets: [passengers], lookback: 12,
                               horizon: 3, normalize: minmax, validation: 0.15, test: 0.15}
                        model: {layers: [{lstm: {units: 6}}], head: {many_to_one: {outputs: 3}}}
                        training: {epochs: 2, batch_size: 16}
                        export: {onnx: m.onnx}
                        """, d -> Files.copy(Path.of("../examples/data/air_passengers.csv"), d.resolve("series.csv")),
                        d -> "{\"x\": [[112], [118], [132], [129], [121], [135], [148], [148], [136], [119], [104], [118]]}\n",
                        List.of("--horizon", "5"), "series.csv"),
                new Case("text_classification", """
                        version: 1
                        name: move-tc
                        data: {type: text_classification, train: train.csv, text: review, label: score, max_length: 20,
                               validation: 0.2}
                        model: {layers: [{embedding: {dim: 6}}, {gru: {units: 6}}], head: {many_to_one: {}}}
                        training: {epochs: 1, batch_size: 16}
                        export: {onnx: m.onnx}
                        """, d -> Files.write(d.resolve("train.csv"),
                        Files.readAllLines(Path.of("../examples/data/fine_foods_train.csv")).subList(0, 121)),
                        d -> "{\"text\": \"the best coffee\"}\n{\"text\": \"stale\"}\n", List.of(), "train.csv"),
                new Case("text", """
                        version: 1
                        name: move-text
                        data: {type: text, train: corpus.txt, tokenizer: {type: char, lowercase: false, max_vocab: 0},
                               sequence_length: 16, validation: 0.1}
                        model: {layers: [{embedding: {dim: 6}}, {lstm: {units: 8}}], head: {many_to_many: {}}}
                        training: {epochs: 1, batch_size: 16}
                        export: {onnx: m.onnx}
                        """, d -> Files.writeString(d.resolve("corpus.txt"), Files.readString(
                        Path.of("../examples/data/pride_and_prejudice.txt")).substring(0, 4000)),
                        d -> "{\"text\": \"It is a\"}\n", List.of("--prompt", "It is", "--length", "30", "--seed", "3"),
                        "corpus.txt"),
                new Case("pairs", """
                        version: 1
                        name: move-pairs
                        data: {type: pairs, train: train.csv, validation: 0.2,
                               source_tokenizer: {type: char, max_vocab: 0},
                               target_tokenizer: {type: char, lowercase: false, max_vocab: 0}}
                        model:
                          layers: [{embedding: {dim: 6}}, {gru: {units: 8}}]
                          head: {seq2seq: {cell: gru, embedding_dim: 6, max_length: 12}}
                        training: {epochs: 1, batch_size: 32}
                        export: {onnx: m.onnx}
                        """, d -> Files.write(d.resolve("train.csv"),
                        Files.readAllLines(Path.of("../examples/data/dates_train.csv")).subList(0, 121)),
                        d -> "{\"text\": \"23 Nov 2026\"}\n", List.of(), "train.csv"),
                new Case("sequences", """
                        version: 1
                        name: move-seq
                        data: {type: sequences, train: train.jsonl, validation: 0.2}
                        model: {layers: [{lstm: {units: 6}}], head: {many_to_one: {}}}
                        training: {epochs: 1, batch_size: 16}
                        export: {onnx: m.onnx}
                        """, MoveModelTest::sequences, d -> "{\"x\": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.1]]}\n", List.of(),
                        "train.jsonl"),
                new Case("images_rows_class", """
                        version: 1
                        name: move-img-class
                        data: {type: images, train: train.jsonl, read: rows, target: class, validation: 0.2}
                        model: {layers: [{gru: {units: 6}}], head: {many_to_one: {}}}
                        training: {epochs: 1, batch_size: 8}
                        export: {onnx: m.onnx}
                        """, MoveModelTest::barImages, d -> "{\"image\": " + bar(true, 2) + "}\n{\"image\": "
                        + bar(false, 5) + "}\n", List.of(), "train.jsonl"),
                new Case("images_columns_transcript", """
                        version: 1
                        name: move-img-ctc
                        data: {type: images, train: train.jsonl, read: columns, target: sequence, validation: 0.2}
                        model:
                          layers: [{gru: {units: 6, bidirectional: true, return_sequences: true}}]
                          head: {ctc: {beam_width: 4}}
                        training: {epochs: 1, batch_size: 8}
                        export: {onnx: m.onnx}
                        """, MoveModelTest::glyphStrings, d -> "{\"image\": " + glyphs("ab") + "}\n{\"image\": "
                        + glyphs("bba") + "}\n", List.of(), "train.jsonl"),
                new Case("audio", """
                        version: 1
                        name: move-audio
                        data: {type: audio, train: list.csv, validation: 0.2, sample_rate: 8000, mel_bins: 10,
                               frame_shift_ms: 20.0, speed: 0.1, noise_snr_db: 20.0}
                        model:
                          layers: [{gru: {units: 6, bidirectional: true, return_sequences: true}}]
                          head: {ctc: {beam_width: 4}}
                        training: {epochs: 1, batch_size: 8}
                        export: {onnx: m.onnx}
                        """, MoveModelTest::toneStrings, d -> {
                            tones(d.resolve("say-12.wav"), "12", 7);
                            tones(d.resolve("say-2.wav"), "2", 8);
                            return "{\"file\": \"" + d.resolve("say-12.wav") + "\"}\n{\"file\": \""
                                    + d.resolve("say-2.wav") + "\"}\n";
                        }, List.of(), "list.csv"),
                new Case("tunes_from_header", """
                        version: 1
                        name: move-tunes
                        data: {type: tunes, train: tunes.abc, validation: 0.1, test: 0.1, task: from_header, max_length: 48,
                               judged: 3}
                        model:
                          layers: [{dense: {units: 6, activation: tanh}}]
                          head: {one_to_many: {cell: gru, units: 8, length: 24, embedding_dim: 6}}
                        training: {epochs: 1, batch_size: 8}
                        export: {onnx: m.onnx}
                        """, MoveModelTest::tunes, d -> "{\"rhythm\": \"reel\", \"meter\": \"C\", \"key\": \"D\"}\n",
                        List.of(), "tunes.abc"),
                new Case("tunes_language_model", """
                        version: 1
                        name: move-tunes-lm
                        data: {type: tunes, train: tunes.abc, validation: 0.1, test: 0.1, task: language_model,
                               sequence_length: 32, judged: 2, generate_length: 40}
                        model: {layers: [{embedding: {dim: 6}}, {gru: {units: 8}}], head: {many_to_many: {}}}
                        training: {epochs: 1, batch_size: 16}
                        export: {onnx: m.onnx}
                        """, MoveModelTest::tunes, d -> "{\"text\": \"R:reel\\nM:C|\\nL:1/8\\nK:D\\n\"}\n",
                        List.of("--prompt", "R:reel\nM:C|\nL:1/8\nK:D\n", "--length", "20", "--seed", "3"), "tunes.abc"));
    }

    /** An 8 x 8 grey image with a horizontal or a vertical bar at {@code at}, as JSON rows of 0..255. */
    private static String bar(boolean horizontal, int at) {
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < 8; r++) {
            sb.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < 8; c++) {
                boolean on = horizontal ? r == at : c == at;
                sb.append(c == 0 ? "" : ", ").append(on ? 255 : (r * 7 + c * 3) % 20);
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    /** 40 bar images labelled by the bar's direction (the mnist-rows kind of data, tiny). */
    private static void barImages(Path d) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            boolean h = i % 2 == 0;
            sb.append("{\"image\": ").append(bar(h, i % 8)).append(", \"label\": \"").append(h ? "flat" : "upright")
                    .append("\"}\n");
        }
        Files.writeString(d.resolve("train.jsonl"), sb, StandardCharsets.UTF_8);
    }

    /**
     * A 6-pixel-high image of the letters of {@code text} side by side, a blank column between them ('a' a
     * filled 3 x 3 block, 'b' a 2-wide column of full height), as JSON rows (the mnist-strings kind, tiny).
     */
    private static String glyphs(String text) {
        List<int[]> columns = new ArrayList<>();
        columns.add(new int[6]);
        for (char ch : text.toCharArray()) {
            int width = ch == 'a' ? 3 : 2;
            for (int k = 0; k < width; k++) {
                int[] col = new int[6];
                for (int r = 0; r < 6; r++) {
                    col[r] = ch == 'b' || (r >= 2 && r < 5) ? 255 : 0;
                }
                columns.add(col);
            }
            columns.add(new int[6]);
        }
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < 6; r++) {
            sb.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < columns.size(); c++) {
                sb.append(c == 0 ? "" : ", ").append(columns.get(c)[r]);
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    /** 40 glyph strings of 1 to 4 letters with their transcripts. */
    private static void glyphStrings(Path d) throws Exception {
        java.util.Random r = new java.util.Random(5);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = 0, n = 1 + r.nextInt(4); k < n; k++) {
                text.append(r.nextBoolean() ? 'a' : 'b');
            }
            sb.append("{\"image\": ").append(glyphs(text.toString())).append(", \"text\": \"").append(text)
                    .append("\"}\n");
        }
        Files.writeString(d.resolve("train.jsonl"), sb, StandardCharsets.UTF_8);
    }

    /**
     * A 16-bit mono 8 kHz WAV "saying" the digits of {@code text}: each digit a 0.15 s tone (digit 1 at 400 Hz,
     * digit 2 at 1,200 Hz) after 0.1 s of faint noise.
     */
    private static void tones(Path file, String text, long seed) throws Exception {
        java.util.Random r = new java.util.Random(seed);
        int rate = 8000;
        List<Float> x = new ArrayList<>();
        for (char ch : text.toCharArray()) {
            for (int i = 0; i < 800; i++) {
                x.add((float) (0.01 * r.nextGaussian()));
            }
            double f = ch == '1' ? 400 : 1200;
            for (int i = 0; i < 1200; i++) {
                x.add((float) (0.5 * Math.sin(2 * Math.PI * f * i / rate) + 0.01 * r.nextGaussian()));
            }
        }
        for (int i = 0; i < 800; i++) {
            x.add((float) (0.01 * r.nextGaussian()));
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 2 * x.size()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * x.size()).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate)
                .putInt(2 * rate).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * x.size());
        for (float v : x) {
            b.putShort((short) Math.round(Math.max(-1f, Math.min(1f, v)) * 32767));
        }
        Files.write(file, b.array());
    }

    /** 30 tone strings of 1 to 3 digits and a CSV list of them (augmented in training: speed and noise). */
    private static void toneStrings(Path d) throws Exception {
        java.util.Random r = new java.util.Random(11);
        StringBuilder list = new StringBuilder("file,text\n");
        for (int i = 0; i < 30; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = 0, n = 1 + r.nextInt(3); k < n; k++) {
                text.append(r.nextBoolean() ? '1' : '2');
            }
            String name = "u" + i + ".wav";
            tones(d.resolve(name), text.toString(), i);
            list.append(name).append(',').append(text).append('\n');
        }
        Files.writeString(d.resolve("list.csv"), list, StandardCharsets.UTF_8);
    }

    /** The first 40 tunes of O'Neill's collection. */
    private static void tunes(Path d) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../examples/data/oneills_tunes.abc"));
        int end = 0;
        for (int blank = 0; blank < 40; ) {
            if (lines.get(end++).isEmpty()) {
                blank++;
            }
        }
        Files.write(d.resolve("tunes.abc"), lines.subList(0, end));
    }

    private static void sequences(Path d) throws Exception {
        StringBuilder sb = new StringBuilder();
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 80; i++) {
            int steps = 2 + r.nextInt(4);
            StringBuilder x = new StringBuilder();
            float sum = 0;
            for (int t = 0; t < steps; t++) {
                float a = r.nextFloat();
                float b = r.nextFloat();
                sum += a - b;
                x.append(t == 0 ? "" : ", ").append('[').append(a).append(", ").append(b).append(']');
            }
            sb.append("{\"x\": [").append(x).append("], \"y\": \"").append(sum > 0 ? "pos" : "neg").append("\"}\n");
        }
        Files.writeString(d.resolve("train.jsonl"), sb, StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theArchiveAloneInspectsPredictsGeneratesAndExportsTheSameAfterItsDataIsGone(Case c) throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        c.data().write(project);
        Path exp = project.resolve("experiment.yaml");
        Files.writeString(exp, c.yaml(), StandardCharsets.UTF_8);
        Path out = project.resolve("out");
        CliRun train = CliRun.of("train", exp.toString(), "--out", out.toString(), "--threads", "1");
        assertThat(train.code()).as(train.err()).isZero();
        Path inputs = Files.createDirectories(dir.resolve("inputs"));
        Path input = inputs.resolve("input.jsonl");
        Files.writeString(input, c.input().write(inputs), StandardCharsets.UTF_8);

        // the file to evaluate on, with the files beside it (an audio list names WAV files relative to itself)
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        try (Stream<Path> files = Files.list(project)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, elsewhere.resolve(f.getFileName()));
            }
        }
        Path evalData = elsewhere.resolve(c.evalFile());
        List<String> before = use(out.resolve("model.rnn4j"), input, c, dir.resolve("before/m.onnx"), evalData);

        Path moved = Files.createDirectories(dir.resolve("fresh")).resolve("model.rnn4j");
        Files.copy(out.resolve("model.rnn4j"), moved);
        try (Stream<Path> all = Files.walk(project)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThat(project).doesNotExist();

        List<String> after = use(moved, input, c, dir.resolve("after/m.onnx"), evalData);
        // every kind evaluates on another file with its training data gone, to the same figures (same JSON bytes)
        assertThat(after).containsExactlyElementsOf(before);

        // evaluate on a split of the experiment's data needs its files: a clear error that says to pass --data
        for (List<String> split : List.of(List.<String>of(), List.of("--split", "validation"))) {
            List<String> args = new ArrayList<>(List.of("evaluate", moved.toString()));
            args.addAll(split);
            CliRun evaluate = CliRun.of(args.toArray(String[]::new));
            assertThat(evaluate.code()).as(evaluate.out() + evaluate.err()).isEqualTo(1);
            assertThat(evaluate.err()).startsWith("error: RNN4J-RUN-013: ").contains(moved.toString())
                    .contains("--data FILE").contains(project.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(dir.resolve("before/m.onnx")).as("export wrote the model before the move").isNotEmptyFile();
        try (Stream<Path> files = Files.list(dir.resolve("before"))) {
            for (Path f : files.toList()) {
                assertThat(Files.readAllBytes(dir.resolve("after").resolve(f.getFileName()))).as(f.getFileName().toString())
                        .isEqualTo(Files.readAllBytes(f));
            }
        }
    }

    /** What inspect, predict, generate (where the kind generates) and export print, with the model's path left out. */
    private static List<String> use(Path model, Path input, Case c, Path onnx, Path evalData) {
        List<String> out = new ArrayList<>();
        CliRun inspect = CliRun.of("inspect", model.toString());
        assertThat(inspect.code()).as(inspect.err()).isZero();
        out.add(inspect.out().replace(model.toString(), "MODEL"));
        CliRun predict = CliRun.of("predict", model.toString(), "--input", input.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(predict.out()).isNotBlank();
        out.add(predict.out());
        if (!c.generate().isEmpty()) {
            List<String> args = new ArrayList<>(List.of("generate", model.toString()));
            args.addAll(c.generate());
            CliRun generate = CliRun.of(args.toArray(String[]::new));
            assertThat(generate.code()).as(generate.err()).isZero();
            assertThat(generate.out()).isNotBlank();
            out.add(generate.out());
        }
        CliRun export = CliRun.of("export", model.toString(), "--onnx", onnx.toString());
        assertThat(export.code()).as(export.err()).isZero();
        out.add(export.out().replace(onnx.toString(), "ONNX"));
        CliRun evaluate = CliRun.of("evaluate", model.toString(), "--data", evalData.toString(), "--json");
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("\"split\":\"test\"");
        out.add(evaluate.out());
        return out;
    }
}
