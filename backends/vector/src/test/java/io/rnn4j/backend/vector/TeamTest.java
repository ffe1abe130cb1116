package io.rnn4j.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class TeamTest {

    @Test
    void everyItemRunsExactlyOnceAndStaticTasksRunOnBothMembers() {
        try (Team team = new Team(2)) {
            for (int round = 0; round < 2000; round++) {
                AtomicIntegerArray ran = new AtomicIntegerArray(7);
                team.runItems(7, (i, m) -> ran.incrementAndGet(i));
                for (int i = 0; i < 7; i++) {
                    assertThat(ran.get(i)).as("item %d of round %d", i, round).isEqualTo(1);
                }
                AtomicIntegerArray members = new AtomicIntegerArray(2);
                int[] steps = new int[2];
                team.run(m -> {
                    members.incrementAndGet(m);
                    for (int s = 0; s < 3; s++) {
                        steps[m]++;
                        team.barrier();
                    }
                });
                assertThat(members.get(0) + members.get(1)).isEqualTo(2);
                assertThat(steps).containsExactly(3, 3);
            }
        }
    }

    @Test
    void aFailingItemIsRethrownAndTheTeamStaysUsable() {
        try (Team team = new Team(2)) {
            assertThatThrownBy(() -> team.runItems(4, (i, m) -> {
                if (i == 2) {
                    throw new IllegalStateException("item 2 failed");
                }
            })).hasMessage("item 2 failed");
            AtomicIntegerArray ran = new AtomicIntegerArray(3);
            team.runItems(3, (i, m) -> ran.incrementAndGet(i));
            assertThat(ran.get(0) + ran.get(1) + ran.get(2)).isEqualTo(3);
        }
    }
}
