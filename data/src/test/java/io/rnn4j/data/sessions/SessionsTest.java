package io.rnn4j.data.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnn4j.data.Vocabulary;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class SessionsTest {

    private static Path write(Path dir, String text) throws Exception {
        Path p = dir.resolve("events.csv");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void eventsAreGroupedPerUserOrderedByTimeAndCutAtTheGap(@TempDir Path dir) throws Exception {
        Path f = write(dir, "user,item,time\n"
                + "u1,a,100\nu2,x,50\nu1,c,400\nu1,b,100\nu1,d,2500\nu2,y,2009-12-14T00:00:00Z\nu1,e,2009-12-14 00:00:01\n");
        List<Event> events = Event.read(f, "user", "item", "time", "data.train");
        assertThat(events).hasSize(7);
        assertThat(events.get(5).time()).isEqualTo(1260748800L);
        assertThat(events.get(6).time()).isEqualTo(1260748801L);
        List<Session> s = Session.split(events, 1800);
        // u1: a(100) b(100, same second: file order) c(400) | d(2500) | e(2009); u2: x(50) | y(2009)
        assertThat(s).extracting(Session::user).containsExactly("u1", "u1", "u1", "u2", "u2");
        assertThat(s).extracting(Session::items).containsExactly(List.of("a", "b", "c"), List.of("d"), List.of("e"),
                List.of("x"), List.of("y"));
        assertThat(s.get(0).start()).isEqualTo(100);
        assertThat(s.get(0).end()).isEqualTo(400);
        assertThat(s.get(0).line()).isEqualTo(2);
        assertThat(Session.split(events, 3000).get(0).items()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void theTestSetIsTheEndOfTheTimeline() {
        List<Session> ss = List.of(new Session("u", List.of("a"), 0, 10, 0), new Session("v", List.of("b"), 5, 40, 0),
                new Session("w", List.of("c"), 1, 20, 0), new Session("x", List.of("d"), 2, 30, 0),
                new Session("y", List.of("e"), 3, 40, 0));
        TimeSplit t = TimeSplit.byEnd(ss, 0.2, 0.4);
        // ends sorted 10 20 30 40 40: test cut = ends[floor(0.6 * 5)] = 40, validation cut = ends[2] = 30
        assertThat(t.testCut()).isEqualTo(40);
        assertThat(t.validationCut()).isEqualTo(30);
        assertThat(t.test()).extracting(Session::user).containsExactly("v", "y");
        assertThat(t.validation()).extracting(Session::user).containsExactly("x");
        assertThat(t.train()).extracting(Session::user).containsExactly("u", "w");
        assertThatThrownBy(() -> TimeSplit.byEnd(ss, 0.5, 0.5)).hasMessageContaining("sum below 1");
    }

    @Test
    void badEventFilesAreLocated(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Event.read(write(dir, "user,item,time\nu1,a,100\nu1,b,yesterday\n"), "user", "item", "time",
                "data.train")).hasMessage("RNN4J-DATA-142: bad time in " + dir.resolve("events.csv") + ", line 3, column 3 "
                + "(time): found \"yesterday\"; expected whole seconds since 1970 (1260759144), or an ISO date-time "
                + "(2009-12-14T02:52:24Z, 2009-12-14 02:52:24) or date (2009-12-14). Fix: write the time in one of these "
                + "forms, or point `data.time` at the right column.");
        assertThatThrownBy(() -> Event.read(write(dir, "user,item,time\nu1,a,1260759108000\n"), "user", "item", "time",
                "data.train")).hasMessageContaining("found \"1260759108000\"").hasMessageEndingWith("Fix: this looks like "
                + "milliseconds since 1970: write whole seconds (drop the last 3 digits), or an ISO date-time.");
        assertThatThrownBy(() -> Event.read(write(dir, "user,item,time\nu1,a,1260759108000000\n"), "user", "item", "time",
                "data.train")).hasMessageContaining("microseconds since 1970: write whole seconds (drop the last 6 digits)");
        assertThatThrownBy(() -> Event.read(write(dir, "user,item,time\nu1,,100\n"), "user", "item", "time", "data.train"))
                .hasMessageStartingWith("RNN4J-DATA-142: event without an item in ").hasMessageContaining("line 2, column 2 (item)");
        assertThatThrownBy(() -> Event.read(write(dir, "user,movie,time\nu1,a,100\n"), "user", "item", "time", "data.train"))
                .hasMessageStartingWith("RNN4J-DATA-003: missing column \"item\" (from `data.item`)");
        assertThatThrownBy(() -> Event.read(write(dir, "user,item,time\n"), "user", "item", "time", "data.train"))
                .hasMessageStartingWith("RNN4J-DATA-011: no events");
        assertThatThrownBy(() -> Event.read(write(dir, "user,item,time\nu1,a\n"), "user", "item", "time", "data.train"))
                .hasMessageStartingWith("RNN4J-DATA-005: malformed row");
    }

    @Test
    void baselinesRankByHand() {
        // items 2..5; training sessions: [2,3], [2,3,4], [5,2]
        List<int[]> train = List.of(new int[] {2, 3}, new int[] {2, 3, 4}, new int[] {5, 2});
        MostPopular pop = new MostPopular(train, 6);
        // counts: 2->3, 3->2, 4->1, 5->1, 0/1 -> 0
        assertThat(pop.rank(new int[] {4, 3}, 0, 3)).isEqualTo(2);
        assertThat(pop.rank(new int[] {4, 5}, 0, 5)).isEqualTo(3); // tie with 4 in its favour
        ItemKnn knn = new ItemKnn(train, 6, 0);
        // sim(2,3) = 2 / sqrt(3*2); sim(2,4) = 1/sqrt(3); sim(2,5) = 1/sqrt(3)
        assertThat(knn.similarity(2, 3)).isCloseTo(2 / Math.sqrt(6), within(1e-12));
        assertThat(knn.rank(new int[] {2, 3}, 0, 3)).isEqualTo(1);
        assertThat(knn.rank(new int[] {2, 4}, 0, 4)).isEqualTo(2); // 5 ties on similarity and count
        // after 4: 2 and 3 are neighbours (1/sqrt(3), 1/sqrt(2)); 5 has none: below both, then by popularity
        assertThat(knn.rank(new int[] {4, 5}, 0, 5)).isEqualTo(3);
        RankingScore s = pop.score(List.of(new int[] {4, 3, 2}), 1);
        assertThat(s.events()).isEqualTo(2);
        assertThat(s.recall()).isEqualTo(0.5);
        assertThat(s.mrr()).isEqualTo(0.5);
    }

    @Test
    void seenItemsAreLeftOutOfBothBaselinesRankings() {
        // items 2..5; training sessions: [2,3], [2,3,4], [5,2]; counts 2->3, 3->2, 4->1, 5->1
        List<int[]> train = List.of(new int[] {2, 3}, new int[] {2, 3, 4}, new int[] {5, 2});
        MostPopular pop = new MostPopular(train, 6);
        // session 2 3 4: after [2, 3] the most popular items 2 and 3 are the session's own, ranked above 4
        int[] s = {2, 3, 4};
        assertThat(pop.rank(s, 1, 4)).isEqualTo(3);
        assertThat(pop.rankUnseen(s, 1, 4)).isEqualTo(1);
        assertThat(pop.rankUnseen(new int[] {2, 3, 2}, 1, 2)).isZero(); // already seen: a miss
        RankingScore plain = pop.score(List.of(s), 1);
        RankingScore unseen = pop.score(List.of(s), 1, true);
        // events: 2 -> 3 (rank 2, unseen rank 1: 2 is left out) and [2, 3] -> 4 (rank 3, unseen 1)
        assertThat(plain.recall()).isEqualTo(0.0);
        assertThat(unseen.recall()).isEqualTo(1.0);
        assertThat(unseen.events()).isEqualTo(2);
        RankingScore repeat = pop.score(List.of(new int[] {2, 3, 2}), 20, true);
        assertThat(repeat.events()).isEqualTo(2);
        assertThat(repeat.mrr()).isCloseTo((1.0 + 0) / 2, within(1e-12)); // 2 -> 3 rank 1; 3 -> 2 a miss
        ItemKnn knn = new ItemKnn(train, 6, 0);
        // after [3, 2]: 3 is 2's nearest neighbour (2/sqrt(6)), then 4 and 5 (1/sqrt(3), tied on count): 4 at rank 2
        int[] k = {3, 2, 4};
        assertThat(knn.rank(k, 1, 4)).isEqualTo(2);
        assertThat(knn.rankUnseen(k, 1, 4)).isEqualTo(1);
        assertThat(knn.score(List.of(k), 1).recall()).isEqualTo(0.5); // 3 -> 2 rank 1, [3, 2] -> 4 rank 2
        assertThat(knn.score(List.of(k), 1, true).recall()).isEqualTo(1.0);
        // brute force: the unseen rank is 1 + the items not in the prefix that rank() counts before the target
        for (int[] x : List.of(new int[] {5, 2, 3, 4}, new int[] {4, 3, 5, 2}, new int[] {3, 4, 2, 5})) {
            for (int t = 0; t + 1 < x.length; t++) {
                for (NextItemBaseline b : List.of(pop, knn)) {
                    int r = 1;
                    for (int j = 0; j < 6; j++) {
                        final int jj = j;
                        boolean seen = java.util.Arrays.stream(x, 0, t + 1).anyMatch(v -> v == jj);
                        if (!seen && j != x[t + 1] && b.before(x, t, j, x[t + 1])) {
                            r++;
                        }
                    }
                    assertThat(b.rankUnseen(x, t, x[t + 1])).as(b.name() + " at " + t).isEqualTo(r);
                }
            }
        }
    }

    @Test
    void beforeAgreesWithRank() {
        List<int[]> train = List.of(new int[] {2, 3}, new int[] {2, 3, 4}, new int[] {5, 2}, new int[] {4, 5, 3});
        MostPopular pop = new MostPopular(train, 6);
        ItemKnn knn = new ItemKnn(train, 6, 1);
        int[] x = {5, 2, 3, 4};
        for (int t = 0; t + 1 < x.length; t++) {
            for (NextItemBaseline b : List.of(pop, knn)) {
                for (int next = 0; next < 6; next++) {
                    int r = 1;
                    for (int j = 0; j < 6; j++) {
                        r += j != next && b.before(x, t, j, next) ? 1 : 0;
                    }
                    assertThat(b.rank(x, t, next)).as(b.name() + " " + t + " " + next).isEqualTo(r);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sessions/movielens_reference.json", "/sessions/movielens_reference_exclude_seen.json"})
    void movieLensSessionsAndBaselinesMatchThePythonReference(String file) throws Exception {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream(file)) {
            ref = new ObjectMapper().readTree(in);
        }
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("examples/data"))) {
            root = root.getParent();
        }
        List<Event> events = Event.read(root.resolve("examples/data/movielens_events.csv"), "user", "item", "time",
                "data.train");
        List<Session> sessions = Session.split(events, ref.get("gap").asLong());
        assertThat(sessions).hasSize(ref.get("sessions").asInt());
        TimeSplit split = TimeSplit.byEnd(sessions, ref.get("validation").asDouble(), ref.get("test").asDouble());
        assertThat(split.train()).hasSize(ref.get("train_sessions").asInt());
        assertThat(split.validation()).hasSize(ref.get("validation_sessions").asInt());
        assertThat(split.test()).hasSize(ref.get("test_sessions").asInt());
        assertThat(split.testCut()).isEqualTo(ref.get("test_cut").asLong());
        Vocabulary items = ItemSessions.vocabulary(split.train(), ref.get("min_count").asInt());
        assertThat(items.size()).isEqualTo(ref.get("vocabulary").asInt());
        List<int[]> train = ItemSessions.encode(split.train(), items);
        List<int[]> test = ItemSessions.encode(split.test(), items);
        assertThat(train).hasSize(ref.get("train_encoded").asInt());
        assertThat(test).hasSize(ref.get("test_encoded").asInt());
        assertThat(ItemSessions.nextEvents(test)).isEqualTo(ref.get("test_events").asLong());
        int k = ref.get("k").asInt();
        boolean excludeSeen = ref.path("exclude_seen").asBoolean(false);
        RankingScore pop = new MostPopular(train, items.size()).score(test, k, excludeSeen);
        RankingScore knn = new ItemKnn(train, items.size(), ref.get("lambda").asDouble()).score(test, k, excludeSeen);
        assertThat(pop.recall()).isCloseTo(ref.at("/most_popular/recall").asDouble(), within(1e-12));
        assertThat(pop.mrr()).isCloseTo(ref.at("/most_popular/mrr").asDouble(), within(1e-12));
        assertThat(knn.recall()).isCloseTo(ref.at("/item_knn/recall").asDouble(), within(1e-12));
        assertThat(knn.mrr()).isCloseTo(ref.at("/item_knn/mrr").asDouble(), within(1e-12));
    }
}
