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
        return new SessionsData("events.csv", "user", "item", "time", titles, 100, 1, null,
                SplitSource.fraction(0.25), maxLength, 2, 0, false);
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
}
