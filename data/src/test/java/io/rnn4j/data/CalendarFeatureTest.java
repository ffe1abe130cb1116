package io.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Calendar features from dates. */
class CalendarFeatureTest {

    @Test
    void cyclesAreSineAndCosineOfTheirPosition() {
        LocalDate monday = LocalDate.of(2016, 8, 22);
        assertThat(CalendarFeature.DAY_OF_WEEK.values(monday, Set.of())).containsExactly(0, 1);
        double[] sunday = CalendarFeature.DAY_OF_WEEK.values(monday.plusDays(6), Set.of());
        assertThat(sunday[0]).isCloseTo(Math.sin(2 * Math.PI * 6 / 7), within(1e-15));
        assertThat(sunday[1]).isCloseTo(Math.cos(2 * Math.PI * 6 / 7), within(1e-15));
        double[] april = CalendarFeature.MONTH.values(LocalDate.of(2001, 4, 30), Set.of());
        assertThat(april[0]).isCloseTo(1, within(1e-15)); // month index 3 of 12: a quarter turn
        double[] dec31 = CalendarFeature.DAY_OF_YEAR.values(LocalDate.of(2016, 12, 31), Set.of()); // leap year
        assertThat(dec31[0]).isCloseTo(Math.sin(2 * Math.PI * 365 / 366), within(1e-15));
    }

    @Test
    void buildLaysOutColumnsInFeatureOrderWithTheHolidayFlag() {
        List<CalendarFeature> f = List.of(CalendarFeature.DAY_OF_WEEK, CalendarFeature.HOLIDAY);
        LocalDate july4 = LocalDate.of(2016, 7, 4);
        double[][] c = CalendarFeature.build(f, List.of(july4, july4.plusDays(1)), Set.of(july4));
        assertThat(CalendarFeature.columns(f)).containsExactly("day_of_week_sin", "day_of_week_cos", "holiday");
        assertThat(c).hasDimensions(3, 2);
        assertThat(c[2]).containsExactly(1, 0);
        assertThat(c[0][1]).isCloseTo(Math.sin(2 * Math.PI / 7), within(1e-15)); // a Tuesday
    }
}
