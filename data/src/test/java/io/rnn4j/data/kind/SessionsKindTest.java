package io.rnn4j.data.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.data.OutputKind;
import io.rnn4j.core.data.RecordException;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spi.DataContext;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.Split;
import io.rnn4j.core.train.TrainBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionsKindTest {

    private static SessionsData spec(String titles, int maxLength) {
        return spec(titles, maxLength, false);
    }

    private static SessionsData spec(String titles, int maxLength, boolean excludeSeen) {
        return new SessionsData("events.csv", "user", "item", "time", titles, 100, 1, null,
                SplitSource.fraction(0.25), maxLength, 2, 0, excludeSeen);
    }

    private static Path files(Path dir) throws Exception {
        // u1: a b c (t 0..20) | a b (t 1000..1010); u2: b c a (t 2000..2020), the last session to end
        Files.writeString(dir.resolve("events.csv"), "user,item,time\nu1,a,0\nu1,b,10\nu1,c,20\nu1,a,1000\nu1,b,1010\n"
                + "u2,b,2000\nu2,c,2010\nu2,a,2020\n");
        Files.writeString(dir.resolve("titles.csv"), "item,title\na,Alpha (1999)\nb,\"Beta, The\"\nc,Gamma\n");
        return dir;
    }

    @Test
    void sessionsBecomeNextItemExamplesSplitByTime(@TempDir Path dir) throws Exception {
        LoadedData d = new SessionsKind().load(spec("titles.csv", 50), new DataContext(files(dir), 1));
        assertThat(d.size(Split.TRAIN)).isEqualTo(2);
        assertThat(d.size(Split.TEST)).isEqualTo(1);
        DataPipeline p = d.pipeline();
        assertThat(p.output().kind()).isEqualTo(OutputKind.STEP_CLASSES);
        assertThat(p.output().size()).isEqualTo(5); // <pad>, <unk>, a, b, c
        TrainBatch test = d.batches(Split.TEST, BatchPlan.evaluation(8)).batches(0).get(0);
        // u2: b c a -> inputs b c, targets c a; ids by training count: a=2, b=3, c=4 (a and b twice, c once)
        assertThat(test.input().values().toArray()).containsExactly(3, 4);
        assertThat(test.targets().toArray()).containsExactly(4, 2);
        SessionsKind.Report r = (SessionsKind.Report) d.report(Split.TEST, null);
        assertThat(r.events()).isEqualTo(2);
        // most popular ranks a, b (count 2) first, c (1) third: c at rank 3, a at rank 1 -> recall@20 1, mrr (1/3 + 1)/2
        assertThat(r.mostPopularRecallAt20()).isEqualTo(1.0);
        assertThat(r.mostPopularMrrAt20()).isEqualTo((1.0 / 3 + 1) / 2);
    }

    @Test
    void longSessionsAreCutIntoPiecesThatPredictEveryEventOnce(@TempDir Path dir) throws Exception {
        LoadedData d = new SessionsKind().load(spec(null, 2), new DataContext(files(dir), 1));
        List<TrainBatch> b = d.batches(Split.TRAIN, BatchPlan.evaluation(8)).batches(0);
        // a b c -> [a b]->[b c]; a b -> [a]->[b]: 3 next-item events in 2 pieces
        int events = b.stream().mapToInt(x -> (int) java.util.Arrays.stream(x.targetMask().lengths()).sum()).sum();
        assertThat(events).isEqualTo(3);
    }

    @Test
    void predictReturnsTheTopKWithTitlesAndRefusesUnknownSessions(@TempDir Path dir) throws Exception {
        DataPipeline p = new SessionsKind().load(spec("titles.csv", 50), new DataContext(files(dir), 1)).pipeline();
        Tensor in = p.encode(Map.of("items", List.of("a", "zzz", "b")));
        assertThat(in.toArray()).containsExactly(2, 3); // the unknown item is skipped
        Tensor logits = Tensor.of(new float[] {0, 0, 0, 0, 0, 9, 0, 1, 5, 2}, 2, 5);
        Map<String, Object> out = p.decode(logits, Map.of(), new io.rnn4j.backend.cpu.CpuBackend());
        List<?> next = (List<?>) out.get("next");
        assertThat(next).hasSize(2);
        assertThat(((Map<?, ?>) next.get(0)).get("item")).isEqualTo("b");
        assertThat(((Map<?, ?>) next.get(0)).get("title")).isEqualTo("Beta, The");
        assertThat(((Map<?, ?>) next.get(1)).get("item")).isEqualTo("c");
        assertThatThrownBy(() -> p.encode(Map.of("items", List.of("zzz")))).isInstanceOf(RecordException.class)
                .hasMessageContaining("none of the 1 items is known to this model");
        assertThatThrownBy(() -> p.encode(Map.of("item", List.of("a")))).isInstanceOf(RecordException.class)
                .hasMessageContaining("unknown field \"item\"");
        DataPipeline back = new SessionsKind().restore(spec("titles.csv", 50), p.store(), "model.rnn4j!data/");
        assertThat(back.store()).usingRecursiveComparison().isEqualTo(p.store());
    }

    @Test
    void badFilesAreLocated(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("events.csv"), "user,item,when\nu1,a,0\n");
        assertThatThrownBy(() -> new SessionsKind().load(spec(null, 50), new DataContext(dir, 1)))
                .hasMessageStartingWith("RNN4J-DATA-003: missing column \"time\" (from `data.time`)");
    }

    @Test
    void excludeSeenCarriesTheWholeSessionSoFarIntoTheModelsMetricsAndTheBaselines(@TempDir Path dir) throws Exception {
        // training sessions a b c and a b; with max_length 1 a b c is cut into the pieces (a -> b) and (b -> c),
        // so the second piece must leave a (from its earlier piece) out of the ranking as well as its own b
        LoadedData d = new SessionsKind().load(spec(null, 1, true), new DataContext(files(dir), 1));
        List<TrainBatch> train = d.batches(Split.TRAIN, BatchPlan.evaluation(8)).batches(0);
        TrainBatch b = train.get(0);
        assertThat(b.seen()).isNotNull();
        float[] in = b.input().values().toArray();
        // the piece whose input is b (id 3) and target c (id 4), second piece of a b c, has a (id 2) before it
        int row = -1;
        for (int r = 0; r < b.size(); r++) {
            if (in[r] == 3 && b.targets().toArray()[r] == 4) {
                row = r;
            }
        }
        assertThat(row).isNotNegative();
        assertThat(b.seen().before(row)).containsExactly(2);
        // a model that ranks a first, then c: the plain metric puts c at rank 2, leaving a and b out at rank 1
        io.rnn4j.core.metrics.RankingMetric plain = io.rnn4j.core.metrics.RankingMetric.recall(1);
        io.rnn4j.core.metrics.RankingMetric unseen = io.rnn4j.core.metrics.RankingMetric.recall(1);
        float[] scores = new float[b.size() * 5];
        for (int r = 0; r < b.size(); r++) {
            scores[r * 5 + 2] = 9; // a
            scores[r * 5 + 4] = 5; // c
        }
        Tensor out = Tensor.of(scores, b.size(), 1, 5);
        int[] lengths = new int[b.size()];
        java.util.Arrays.fill(lengths, 1);
        io.rnn4j.core.SequenceMask one = new io.rnn4j.core.SequenceMask(b.size(), 1, lengths);
        Tensor targets = b.targets();
        plain.update(out, targets, one);
        unseen.update(out, targets, one, b.input().values(), b.seen());
        // row (b -> c): a first without the filter (miss at k = 1), c first with it (hit)
        // (the pieces a -> b of both sessions miss either way: c is still above b once a is left out)
        assertThat(plain.result()).isZero();
        assertThat(unseen.result()).isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
        SessionsKind.Report r = (SessionsKind.Report) d.report(Split.TEST, null);
        assertThat(r.excludeSeen()).isTrue();
        // test session b c a: events b -> c and [b c] -> a. Most popular: a, b (count 2), c (1). Unseen: c after b
        // ranks 2 (a before it, b left out); a after [b c] ranks 1 -> mrr (1/2 + 1)/2, against (1/3 + 1)/2 plain
        assertThat(r.mostPopularMrrAt20()).isEqualTo((0.5 + 1) / 2);
        SessionsKind.Report off = (SessionsKind.Report) new SessionsKind().load(spec(null, 1), new DataContext(dir, 1))
                .report(Split.TEST, null);
        assertThat(off.excludeSeen()).isFalse();
        assertThat(off.mostPopularMrrAt20()).isEqualTo((1.0 / 3 + 1) / 2);
        assertThat(new SessionsKind().load(spec(null, 1), new DataContext(dir, 1)).batches(Split.TRAIN,
                BatchPlan.evaluation(8)).batches(0).get(0).seen()).isNull();
    }

    @Test
    void predictLeavesTheSessionsOwnItemsOutWithExcludeSeen(@TempDir Path dir) throws Exception {
        files(dir);
        // ids a=2, b=3, c=4; the last step scores b (given) highest, then c, then a
        Tensor logits = Tensor.of(new float[] {0, 0, 0, 0, 0, 0, 0, 1, 9, 5}, 2, 5);
        Map<String, Object> record = Map.of("items", List.of("a", "b"));
        DataPipeline on = new SessionsKind().load(spec("titles.csv", 50, true), new DataContext(dir, 1)).pipeline();
        List<?> next = (List<?>) on.decode(logits, record, new io.rnn4j.backend.cpu.CpuBackend()).get("next");
        assertThat(items(next)).containsExactly("c"); // top 2 of {c}: a, b given
        DataPipeline off = new SessionsKind().load(spec("titles.csv", 50), new DataContext(dir, 1)).pipeline();
        List<?> all = (List<?>) off.decode(logits, record, new io.rnn4j.backend.cpu.CpuBackend()).get("next");
        assertThat(items(all)).containsExactly("b", "c");
        // the option is the spec's, so a restored pipeline filters as the trained one did
        DataPipeline back = new SessionsKind().restore(spec("titles.csv", 50, true), on.store(), "model.rnn4j!data/");
        assertThat(items((List<?>) back.decode(logits, record, new io.rnn4j.backend.cpu.CpuBackend()).get("next")))
                .containsExactly("c");
    }

    private static List<Object> items(List<?> next) {
        return next.stream().map(e -> (Object) ((Map<?, ?>) e).get("item")).toList();
    }
}
