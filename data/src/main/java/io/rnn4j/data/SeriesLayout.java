package io.rnn4j.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a time series becomes model windows: which columns are series (transformed, differenced and
 * normalized; forecast targets and the features that are read like them), which are covariates (only
 * normalized), which calendar features are built from the dates, the fitted transform of each series
 * column and the differencing.
 *
 * <p>A window whose first target row is {@code t0} has {@link #steps()} input steps of
 * {@link #width()} values: for the {@code lookback} rows {@code t0 - lookback .. t0 - 1}, the
 * {@code features}, the past covariates, the future covariates and the calendar features; then, when
 * there is any future-known input (future covariates or calendar features), {@code horizon} more steps
 * for rows {@code t0 .. t0 + horizon - 1} in which the features and past covariates (unknown then) are 0
 * and only the future-known inputs are given, and a last column that is 0 on past steps and 1 on future
 * steps. A recurrent model thus reads the future's calendar and planned events before its head forecasts
 * the horizon.
 *
 * @param features         series columns read as inputs (transformed and differenced like the targets)
 * @param targets          series columns forecast
 * @param pastCovariates   columns known only up to the forecast origin, normalized only
 * @param futureCovariates columns known for the horizon too (planned events, weather forecasts), normalized only
 * @param calendar         calendar features built from the dates (future-known)
 * @param holidays         dates of the {@code holiday} calendar feature
 * @param transforms       the fitted transform of each series column (features and targets), by name
 * @param difference       the differencing of the series columns
 * @param lookback         past steps per window
 * @param horizon          steps forecast per window
 */
public record SeriesLayout(List<String> features, List<String> targets, List<String> pastCovariates,
        List<String> futureCovariates, List<CalendarFeature> calendar, Set<LocalDate> holidays,
        Map<String, ValueTransform> transforms, Differencing difference, int lookback, int horizon) {

    /** Validates and copies. */
    public SeriesLayout {
        features = List.copyOf(features);
        targets = List.copyOf(targets);
        pastCovariates = List.copyOf(pastCovariates);
        futureCovariates = List.copyOf(futureCovariates);
        calendar = List.copyOf(calendar);
        holidays = Set.copyOf(holidays);
        transforms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(transforms));
        Objects.requireNonNull(difference, "difference");
        for (String c : union(features, targets)) { // the fields are not assigned yet
            if (!transforms.containsKey(c)) {
                throw new IllegalArgumentException("no transform for series column " + c);
            }
        }
        if (lookback < 1 || horizon < 1) {
            throw new IllegalArgumentException("lookback and horizon are at least 1, got " + lookback + " and " + horizon);
        }
    }

    /** A layout with one transform for every series column and no covariates. */
    public static SeriesLayout simple(List<String> features, List<String> targets, ValueTransform transform,
            Differencing difference, int lookback, int horizon) {
        Map<String, ValueTransform> t = new LinkedHashMap<>();
        for (String c : union(features, targets)) {
            t.put(c, transform);
        }
        return new SeriesLayout(features, targets, List.of(), List.of(), List.of(), Set.of(), t, difference, lookback,
                horizon);
    }

    /** Features, then the targets that are not features: every column that is transformed and differenced. */
    public List<String> seriesColumns() {
        return union(features, targets);
    }

    /** Past and future covariates: the columns that are only normalized. */
    public List<String> covariates() {
        return union(pastCovariates, futureCovariates);
    }

    /** Whether windows have future steps (future covariates or calendar features). */
    public boolean hasFuture() {
        return !futureCovariates.isEmpty() || !calendar.isEmpty();
    }

    /** Input steps per window: {@code lookback}, plus {@code horizon} with future-known inputs. */
    public int steps() {
        return lookback + (hasFuture() ? horizon : 0);
    }

    /** The input's column names, in order; the flag of future steps is {@code is_future}. */
    public List<String> inputNames() {
        List<String> out = new ArrayList<>(features);
        out.addAll(pastCovariates);
        out.addAll(futureCovariates);
        out.addAll(CalendarFeature.columns(calendar));
        if (hasFuture()) {
            out.add("is_future");
        }
        return out;
    }

    /** Values per input step. */
    public int width() {
        return inputNames().size();
    }

    /** The values a window is built from. */
    public interface Rows {
        /** Series column {@code name} at {@code row}, transformed and differenced (NaN before the differencing span). */
        double prepared(String name, int row);

        /** Covariate {@code name} at {@code row}, in original units. */
        double covariate(String name, int row);

        /** The date of {@code row} (only asked for with calendar features). */
        LocalDate date(int row);
    }

    /** The input of the window whose first target row is {@code t0}, normalized, {@code steps() x width()} step-major. */
    public float[] input(Rows rows, int t0, Normalization norm) {
        int w = width();
        float[] x = new float[steps() * w];
        for (int s = 0; s < steps(); s++) {
            int r = t0 - lookback + s;
            boolean future = s >= lookback;
            int c = 0;
            for (String f : features) {
                x[s * w + c++] = future ? 0 : norm.apply(f, rows.prepared(f, r));
            }
            for (String p : pastCovariates) {
                x[s * w + c++] = future ? 0 : norm.apply(p, rows.covariate(p, r));
            }
            for (String f : futureCovariates) {
                x[s * w + c++] = norm.apply(f, rows.covariate(f, r));
            }
            if (!calendar.isEmpty()) {
                LocalDate d = rows.date(r);
                for (CalendarFeature cf : calendar) {
                    for (double v : cf.values(d, holidays)) {
                        x[s * w + c++] = (float) v;
                    }
                }
            }
            if (hasFuture()) {
                x[s * w + c] = future ? 1 : 0;
            }
        }
        return x;
    }

    private static List<String> union(List<String> a, List<String> b) {
        LinkedHashSet<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }
}
