package io.rnn4j.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadChooserTest {
    private final ThreadChooser chooser = new ThreadChooser();
    private final long key = ThreadChooser.key(0, 32, 64, 128);

    /** Runs {@code calls} calls, one thread taking {@code one} and two {@code two}; counts two-thread calls. */
    private int run(int calls, long one, long two) {
        int twos = 0;
        for (int i = 0; i < calls; i++) {
            int t = chooser.choose(key);
            twos += t == 2 ? 1 : 0;
            chooser.record(key, t, t == 1 ? one : two);
        }
        return twos;
    }

    @Test
    void triesOneThreadThenTwoThenKeepsTheFaster() {
        assertThat(chooser.choose(key)).isEqualTo(1);
        chooser.record(key, 1, 10_000_000);
        assertThat(chooser.choose(key)).isEqualTo(2);
        chooser.record(key, 2, 6_000_000);
        assertThat(chooser.choose(key)).isEqualTo(2);
    }

    @Test
    void probesALosingConfigurationLessAndLessOften() {
        run(2, 5_000_000, 50_000_000);
        // two threads lose by far (a busy machine): probed after 16, 32, 64, ... calls, so rarely
        assertThat(run(2000, 5_000_000, 50_000_000)).isLessThanOrEqualTo(7);
    }

    @Test
    void switchesWhenTheLoadChanges() {
        run(2, 5_000_000, 50_000_000);
        run(100, 5_000_000, 50_000_000);
        // the machine is quiet again: the next probe finds two threads faster and keeps them
        assertThat(run(200, 5_000_000, 3_000_000)).isGreaterThan(150);
    }
}
