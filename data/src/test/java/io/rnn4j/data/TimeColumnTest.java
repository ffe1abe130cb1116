package io.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rnn4j.core.Rnn4jException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A time series' {@code time} column is one row per time step, in time order: a repeated time, rows out of order,
 * a missing month or a change of format is refused with its line, never windowed in silence.
 */
class TimeColumnTest {
    @TempDir
    Path dir;

    private Rnn4jException load(String... rows) {
        String[] lines = new String[rows.length + 1];
        lines[0] = "t,v";
        for (int i = 0; i < rows.length; i++) {
            lines[i + 1] = rows[i] + "," + (i + 1);
        }
        Path f = Files2.write(dir, "s.csv", lines);
        return catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(
                TimeSeriesSpec.univariate(SplitSpec.trainOnly(f), "t", "v", 1)));
    }

    @Test
    void aRepeatedMonthNamesBothLines() {
        Rnn4jException e = load("1949-01", "1949-02", "1949-02", "1949-03");
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("RNN4J-DATA-019: a time repeated in ").contains("line 4, column 1 (t)",
                "found \"1949-02\", already at line 3", "remove or merge the repeated row");
    }

    @Test
    void rowsOutOfOrderAreToldToBeSortedEvenWhenTheFirstSignIsAGap() {
        Rnn4jException swapped = load("1949-01", "1949-03", "1949-02", "1949-04");
        assertThat(swapped.getMessage()).contains("rows out of time order", "line 3", "1949-02 comes later, at line 4",
                "sort the file by `t`");
        Rnn4jException back = load("2016-08-01", "2016-08-03", "2016-08-02");
        assertThat(back.getMessage()).contains("rows out of time order", "line 4", "found \"2016-08-02\" after "
                + "\"2016-08-03\" (line 3)");
    }

    @Test
    void aMissingMonthIsNamed() {
        Rnn4jException one = load("1953-10", "1953-11", "1954-01");
        assertThat(one.getMessage()).contains("a month missing", "line 4", "1953-12 is missing", "add the missing rows");
        Rnn4jException three = load("1953-10", "1954-03");
        assertThat(three.getMessage()).contains("1953-11 and 3 more months are missing");
    }

    @Test
    void aChangeOfFormatIsRefused() {
        Rnn4jException e = load("2016-08-01", "2016-08-02", "08/03/2016");
        assertThat(e.getMessage()).contains("a time in another format", "line 4", "found \"08/03/2016\"",
                "a date such as 2016-08-28, as in the first row (\"2016-08-01\")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2016-08-01 10:00,2016-08-01 11:00,2016-08-01 11:00", "1,2,2", "Q1,Q2,Q1"})
    void repeatsAreFoundInEveryFormat(String times) {
        assertThat(load(times.split(",")).getMessage()).contains("RNN4J-DATA-019", "a time repeated", "line 4");
    }

    @Test
    void regularSeriesOfEveryFormatAndWorkingDaysLoad() {
        for (String times : new String[] {"1949-11,1949-12,1950-01,1950-02",
            "2016-08-26,2016-08-29,2016-08-30,2016-09-02", // working days: weekends and a holiday skipped
            "2016-08-01T23:00,2016-08-02T00:00,2016-08-02T01:00,2016-08-02T02:00",
            "2016-08-01T10:00+02:00,2016-08-01T09:30Z,2016-08-01T10:00Z,2016-08-01T11:00Z", "0.5,1,1.5,7",
            "Q1,Q2,Q3,Q4"}) {
            assertThatCode(() -> {
                Rnn4jException e = load(times.split(","));
                if (e != null) {
                    throw e;
                }
            }).as(times).doesNotThrowAnyException();
        }
    }
}
