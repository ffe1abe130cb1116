package io.rnn4j.data.sessions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user's run of events without a pause longer than the session gap, in time order.
 *
 * @param user  the user
 * @param items the items, in the order they happened (at least one)
 * @param start the time of the first event
 * @param end   the time of the last event
 * @param line  the file line of the first event (0 if not from a file)
 */
public record Session(String user, List<String> items, long start, long end, int line) {

    /** Validates and copies. */
    public Session {
        Objects.requireNonNull(user, "user");
        items = List.copyOf(items);
        if (items.isEmpty() || end < start) {
            throw new IllegalArgumentException("a session needs at least one item and end >= start");
        }
    }

    /**
     * Groups events by user, orders each user's events by time (events with the same time keep their
     * order in the file), and starts a new session wherever two consecutive events are more than
     * {@code gapSeconds} apart. Sessions come out by user (in order of first appearance), then time.
     *
     * @param gapSeconds the longest pause inside a session ({@code >= 0})
     */
    public static List<Session> split(List<Event> events, long gapSeconds) {
        if (gapSeconds < 0) {
            throw new IllegalArgumentException("the session gap must be >= 0 seconds, was " + gapSeconds);
        }
        Map<String, List<Event>> byUser = new LinkedHashMap<>();
        for (Event e : events) {
            byUser.computeIfAbsent(e.user(), k -> new ArrayList<>()).add(e);
        }
        List<Session> out = new ArrayList<>();
        for (var entry : byUser.entrySet()) {
            List<Event> es = new ArrayList<>(entry.getValue());
            es.sort(Comparator.comparingLong(Event::time)); // stable: file order on ties
            List<String> items = new ArrayList<>();
            long start = es.get(0).time();
            long last = start;
            int line = es.get(0).line();
            for (Event e : es) {
                if (!items.isEmpty() && e.time() - last > gapSeconds) {
                    out.add(new Session(entry.getKey(), items, start, last, line));
                    items = new ArrayList<>();
                    start = e.time();
                    line = e.line();
                }
                items.add(e.item());
                last = e.time();
            }
            out.add(new Session(entry.getKey(), items, start, last, line));
        }
        return out;
    }
}
