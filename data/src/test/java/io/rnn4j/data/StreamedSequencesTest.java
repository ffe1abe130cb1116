package io.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.data.internal.SequencesLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The training file streamed for a cluster's driver ({@link SequencesLoader#streamTrainingLines}) gives what
 * the whole-file loader gives ({@link SequencesLoader#loadWithLines}): the same schema (labels, sizes), the
 * same training lines and input lengths (so the same batch plans), the same validation and test examples, and
 * the training split's majority class counted as from its examples; for every kind of target, token and
 * feature inputs, fractions and a separate validation file. A file with an error gives the same error.
 */
class StreamedSequencesTest {
    @TempDir
    Path dir;

    /** Which target (and input) the lines have. */
    enum Shape { NAMED_CLASS, CLASS_ID, VALUE, VECTOR, STEP_NAMED, STEP_VALUE, TOKENS }

    private static String line(Shape shape, Random r) {
        int len = 1 + r.nextInt(5);
        StringBuilder x = new StringBuilder(shape == Shape.TOKENS ? "{\"tokens\": [" : "{\"x\": [");
        StringBuilder steps = new StringBuilder("[");
        for (int t = 0; t < len; t++) {
            x.append(t == 0 ? "" : ", ");
            x.append(shape == Shape.TOKENS ? Integer.toString(r.nextInt(30))
                    : String.format(Locale.ROOT, "[%.3f, %.3f]", r.nextGaussian(), r.nextGaussian()));
            steps.append(t == 0 ? "" : ", ").append(switch (shape) {
                case STEP_NAMED -> r.nextBoolean() ? "\"on\"" : "\"off\"";
                default -> String.format(Locale.ROOT, "[%.2f, %.2f]", r.nextGaussian(), r.nextGaussian());
            });
        }
        String y = switch (shape) {
            case NAMED_CLASS -> new String[] {"\"cat\"", "\"dog\"", "\"eel\""}[r.nextInt(3)];
            case CLASS_ID, TOKENS -> Integer.toString(r.nextInt(4));
            case VALUE -> String.format(Locale.ROOT, "%.3f", r.nextGaussian());
            case VECTOR -> String.format(Locale.ROOT, "[%.3f, %.3f, %.3f]", r.nextGaussian(), r.nextGaussian(), r.nextGaussian());
            case STEP_NAMED, STEP_VALUE -> steps + "]";
        };
        return x + "], \"y\": " + y + "}";
    }

    private Path file(String name, Shape shape, int n, long seed) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(line(shape, r));
            if (i % 13 == 4) {
                lines.add(""); // blank lines keep their numbers
            }
        }
        return Files2.write(dir, name, lines.toArray(new String[0]));
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void theStreamedFileGivesTheWholeFilesSplitsLabelsAndLines(Shape shape) {
        SplitSpec fractions = new SplitSpec(file("train.jsonl", shape, 61, shape.ordinal()), Holdout.fraction(0.2),
                Holdout.fraction(0.1), 17);
        same(new SequencesSpec(fractions, TargetType.AUTO, 0, 0));
        SplitSpec files = new SplitSpec(dir.resolve("train.jsonl"), Holdout.file(file("val.jsonl", shape, 9, 99)),
                Holdout.fraction(0.15), 3);
        same(new SequencesSpec(files, TargetType.AUTO, 0, 0));
    }

    private static void same(SequencesSpec spec) {
        SequencesLoader.Loaded whole = SequencesLoader.loadWithLines(spec);
        SequencesLoader.Streamed streamed = SequencesLoader.streamTrainingLines(spec);
        Dataset d = whole.data();
        assertThat(streamed.heldOut().schema()).isEqualTo(d.schema());
        assertThat(streamed.heldOut().train()).isEmpty();
        assertThat(streamed.heldOut().validation()).isNotEmpty().isEqualTo(d.validation());
        assertThat(streamed.heldOut().test()).isEqualTo(d.test());
        assertThat(streamed.lines().size()).isEqualTo(d.train().size());
        assertThat(streamed.lines().trainLines()).containsExactly(whole.lines().trainLines());
        BatchPlan plan = new BatchPlan(4, true, true, 5);
        for (int e = 0; e < 3; e++) {
            assertThat(streamed.lines().plan(plan, e)).usingRecursiveComparison().isEqualTo(whole.lines().plan(plan, e));
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (Example x : d.train()) {
            if (x.target() instanceof Target.ClassIndex c) {
                counts.merge(c.index(), 1, Integer::sum);
            }
        }
        if (d.schema().targetKind() == TargetKind.CLASS) {
            int max = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
            assertThat(counts.get(streamed.majority())).isEqualTo(max);
            assertThat(streamed.majorityShare()).isEqualTo((double) max / d.train().size());
        } else {
            assertThat(streamed.majority()).isEqualTo(-1);
        }
    }

    private static String readString(Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aBadLineGivesTheWholeFileLoadersError() {
        Path train = file("train.jsonl", Shape.NAMED_CLASS, 30, 1);
        List<String> lines = new ArrayList<>(List.of(readString(train).split("\n")));
        lines.set(20, "{\"x\": [[1.0, 2.0], [3.0]], \"y\": \"cat\"}");
        Files2.write(dir, "train.jsonl", lines.toArray(new String[0]));
        SequencesSpec spec = new SequencesSpec(new SplitSpec(train, Holdout.fraction(0.2), Holdout.none(), 1),
                TargetType.AUTO, 0, 0);
        Rnn4jException a = catchThrowableOfType(Rnn4jException.class, () -> SequencesLoader.loadWithLines(spec));
        Rnn4jException b = catchThrowableOfType(Rnn4jException.class, () -> SequencesLoader.streamTrainingLines(spec));
        assertThat(a).isNotNull();
        assertThat(b).isNotNull();
        assertThat(b.getMessage()).contains("line 21").isEqualTo(a.getMessage());
    }

    @Test
    void aBadTargetHalfWayLeavesNoFileOpen() throws java.io.IOException {
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(fds), "needs /proc/self/fd (Linux)");
        Path train = file("train.jsonl", Shape.NAMED_CLASS, 200, 1);
        List<String> lines = new ArrayList<>(List.of(readString(train).split("\n")));
        // its input is fine (the first pass reads it), its target is not a label: the target pass stops there
        lines.set(150, "{\"x\": [[1.0, 2.0], [3.0, 4.0]], \"y\": [0.5, 0.5]}");
        Files2.write(dir, "train.jsonl", lines.toArray(new String[0]));
        SequencesSpec spec = new SequencesSpec(new SplitSpec(train, Holdout.fraction(0.2), Holdout.none(), 1),
                TargetType.AUTO, 0, 0);
        Rnn4jException e = catchThrowableOfType(Rnn4jException.class, () -> SequencesLoader.streamTrainingLines(spec));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("line 151");
        assertThat(openFiles(fds, train)).as("descriptors still open on %s", train).isZero();
    }

    private static long openFiles(Path fds, Path file) throws java.io.IOException {
        Path target = file.toRealPath();
        try (java.util.stream.Stream<Path> all = java.nio.file.Files.list(fds)) {
            return all.filter(fd -> {
                try {
                    return java.nio.file.Files.readSymbolicLink(fd).equals(target);
                } catch (java.io.IOException | UnsupportedOperationException gone) {
                    return false; // closed while listed, or not a link
                }
            }).count();
        }
    }
}
