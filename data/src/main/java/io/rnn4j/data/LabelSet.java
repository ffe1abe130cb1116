package io.rnn4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rnn4j.data.internal.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The class labels of a classification data set; a label's index is its class id.
 *
 * <p>Built from the labels of the training split in a deterministic order: numerically if every label
 * is a number ({@code "2" < "10"}), else by {@link String} order ({@code great} = 0, {@code other} = 1).
 * Saved as JSON so that a model archive carries it:
 * <pre>{"format": "rnn4j-labels", "version": 1, "labels": ["great", "other"]}</pre>
 * Instances are immutable.
 */
public final class LabelSet implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final String FORMAT = "rnn4j-labels";
    private final List<String> labels;
    private final Map<String, Integer> index;

    private LabelSet(List<String> labels, String source) {
        this.labels = List.copyOf(labels);
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            if (m.put(labels.get(i), i) != null) {
                throw Json.corrupt(source, "label list", "the label \"" + labels.get(i) + "\" twice", FORMAT).error();
            }
        }
        this.index = m;
    }

    /** A label set whose class ids are the positions in {@code labels} (no duplicates). */
    public static LabelSet of(List<String> labels) {
        return new LabelSet(labels, "the given label list");
    }

    /** The distinct labels of {@code observed}, in the order described above. */
    public static LabelSet fromObserved(Collection<String> observed) {
        TreeSet<String> distinct = new TreeSet<>(observed);
        List<String> sorted = new ArrayList<>(distinct);
        if (sorted.stream().allMatch(LabelSet::isNumber)) {
            sorted.sort(Comparator.comparing(BigDecimal::new));
        }
        return new LabelSet(sorted, "the observed labels");
    }

    /** Labels {@code "0" .. "n-1"}, for data sets whose labels are already class ids. */
    public static LabelSet indices(int n) {
        List<String> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(Integer.toString(i));
        }
        return new LabelSet(l, "class indices");
    }

    private static boolean isNumber(String s) {
        try {
            new BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Number of classes. */
    public int size() {
        return labels.size();
    }

    /** The class id of {@code label}, or -1 if it is not one of the labels. */
    public int index(String label) {
        Integer i = index.get(label);
        return i == null ? -1 : i;
    }

    /** The label of class {@code id}. */
    public String label(int id) {
        return labels.get(id);
    }

    /** All labels by class id (unmodifiable). */
    public List<String> labels() {
        return labels;
    }

    /** This label set as JSON text. */
    public String toJson() {
        ObjectNode n = Json.header(FORMAT);
        ArrayNode a = n.putArray("labels");
        labels.forEach(a::add);
        return Json.write(n);
    }

    /** Reads {@link #toJson()}'s form; {@code source} names the text in error messages. */
    public static LabelSet fromJson(String json, String source) {
        JsonNode n = Json.read(json, source, FORMAT, "label list");
        JsonNode a = n.path("labels");
        if (!a.isArray() || a.isEmpty()) {
            throw Json.corrupt(source, "label list", "no \"labels\" list", FORMAT).error();
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode t : a) {
            if (!t.isTextual()) {
                throw Json.corrupt(source, "label list", "the label " + t + " (not a string)", FORMAT).error();
            }
            labels.add(t.asText());
        }
        return new LabelSet(labels, source);
    }

    /** Writes {@link #toJson()} to a UTF-8 file. */
    public void write(Path file) throws IOException {
        Json.writeFile(file, toJson());
    }

    /** Reads a file written by {@link #write(Path)}. */
    public static LabelSet read(Path file) {
        return fromJson(Json.readFile(file, "label list"), file.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSet l && l.labels.equals(labels);
    }

    @Override
    public int hashCode() {
        return labels.hashCode();
    }

    @Override
    public String toString() {
        return "LabelSet" + labels;
    }
}
