package io.rnn4j.data;

import java.time.LocalDate;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A calendar feature built from a row's date, known for any future date, so a future-known covariate.
 * Cyclic features are given as a sine and a cosine (two columns), so that the end of a cycle is next to
 * its start (Sunday next to Monday, December next to January). YAML: {@code calendar: [day_of_week,
 * month, day_of_year, holiday]}.
 */
public enum CalendarFeature {
    /** Day of the week, Monday = 0 .. Sunday = 6, as {@code sin(2 pi d / 7)}, {@code cos(2 pi d / 7)}. */
    DAY_OF_WEEK,
    /** Month, January = 0 .. December = 11, as {@code sin(2 pi m / 12)}, {@code cos(2 pi m / 12)}. */
    MONTH,
    /** Day of the year, 0-based, as {@code sin(2 pi d / n)}, {@code cos(2 pi d / n)} with n = 365 or 366. */
    DAY_OF_YEAR,
    /** 1 on a date of the holiday list ({@code holidays:} file), else 0. */
    HOLIDAY;

    /** The YAML name, such as {@code day_of_week}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The names of this feature's columns: {@code day_of_week_sin}, {@code day_of_week_cos}; {@code holiday}. */
    public List<String> columns() {
        return this == HOLIDAY ? List.of(id()) : List.of(id() + "_sin", id() + "_cos");
    }

    /** This feature's column values for {@code date}, in the order of {@link #columns()}. */
    public double[] values(LocalDate date, Set<LocalDate> holidays) {
        return switch (this) {
            case DAY_OF_WEEK -> cycle(date.getDayOfWeek().getValue() - 1, 7);
            case MONTH -> cycle(date.getMonthValue() - 1, 12);
            case DAY_OF_YEAR -> cycle(date.get(ChronoField.DAY_OF_YEAR) - 1, date.lengthOfYear());
            case HOLIDAY -> new double[] {holidays.contains(date) ? 1 : 0};
        };
    }

    private static double[] cycle(int k, int n) {
        double a = 2 * Math.PI * k / n;
        return new double[] {Math.sin(a), Math.cos(a)};
    }

    /**
     * The columns of {@code features} for {@code dates}: {@code out[c][row]}, the columns in the order of
     * the features and of each feature's {@link #columns()}.
     */
    public static double[][] build(List<CalendarFeature> features, List<LocalDate> dates, Set<LocalDate> holidays) {
        int width = features.stream().mapToInt(f -> f.columns().size()).sum();
        double[][] out = new double[width][dates.size()];
        for (int r = 0; r < dates.size(); r++) {
            int c = 0;
            for (CalendarFeature f : features) {
                for (double v : f.values(dates.get(r), holidays)) {
                    out[c++][r] = v;
                }
            }
        }
        return out;
    }

    /** The column names of {@code features}, in the order of {@link #build}. */
    public static List<String> columns(List<CalendarFeature> features) {
        return features.stream().flatMap(f -> f.columns().stream()).toList();
    }
}
