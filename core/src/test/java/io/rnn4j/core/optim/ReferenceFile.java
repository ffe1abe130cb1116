package io.rnn4j.core.optim;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only reader of the reference files that {@code tools/reference/torch_training_reference.py}
 * writes under {@code io/rnn4j/core/reference/}: lines {@code key token ...}, {@code #} comments, and
 * {@code <case>.spec name=value ...} configuration lines. Public only so that the loss tests can use
 * it too.
 */
public final class ReferenceFile {
    private final String name;
    private final Map<String, String[]> entries;

    private ReferenceFile(String name, Map<String, String[]> entries) {
        this.name = name;
        this.entries = entries;
    }

    /** Loads {@code io/rnn4j/core/reference/<fileName>} from the test class path. */
    public static ReferenceFile load(String fileName) {
        String path = "/io/rnn4j/core/reference/" + fileName;
        Map<String, String[]> entries = new LinkedHashMap<>();
        try (InputStream in = ReferenceFile.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing; run tools/reference/torch_training_reference.py");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] tokens = line.trim().split(" ");
                String[] values = new String[tokens.length - 1];
                System.arraycopy(tokens, 1, values, 0, values.length);
                if (entries.put(tokens[0], values) != null) {
                    throw new IllegalStateException(path + ": duplicate key " + tokens[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return new ReferenceFile(fileName, entries);
    }

    /** Case names, in file order: every key {@code <case>.spec}. */
    public List<String> cases() {
        List<String> cases = new ArrayList<>();
        for (String key : entries.keySet()) {
            if (key.endsWith(".spec")) {
                cases.add(key.substring(0, key.length() - ".spec".length()));
            }
        }
        return cases;
    }

    /** The {@code name=value} tokens of a case's spec line. */
    public Map<String, String> spec(String caseName) {
        Map<String, String> spec = new LinkedHashMap<>();
        for (String token : tokens(caseName + ".spec")) {
            int eq = token.indexOf('=');
            spec.put(token.substring(0, eq), token.substring(eq + 1));
        }
        return spec;
    }

    /** Whether the key exists. */
    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The raw tokens of a key. */
    public String[] tokens(String key) {
        String[] t = entries.get(key);
        if (t == null) {
            throw new IllegalArgumentException(name + " has no key " + key);
        }
        return t;
    }

    /** The values of a key as doubles. */
    public double[] doubles(String key) {
        String[] t = tokens(key);
        double[] d = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            d[i] = Double.parseDouble(t[i]);
        }
        return d;
    }

    /** The values of a key as floats (the generator draws its inputs as float32, so this is exact). */
    public float[] floats(String key) {
        double[] d = doubles(key);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
            if (f[i] != d[i]) {
                throw new IllegalStateException(name + ": " + key + "[" + i + "] = " + d[i] + " is not a float32");
            }
        }
        return f;
    }

    /** The values of a key as ints. */
    public int[] ints(String key) {
        String[] t = tokens(key);
        int[] v = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            v[i] = Integer.parseInt(t[i]);
        }
        return v;
    }

    /** The single value of a key. */
    public double scalar(String key) {
        double[] d = doubles(key);
        if (d.length != 1) {
            throw new IllegalStateException(name + ": " + key + " holds " + d.length + " values, expected 1");
        }
        return d[0];
    }

    /**
     * Asserts {@code |actual - expected| <= atol + rtol * |expected|} element by element, naming the
     * first element that differs.
     */
    public static void assertClose(String what, double[] actual, double[] expected, double rtol, double atol) {
        if (actual.length != expected.length) {
            fail("%s: %d values, expected %d", what, actual.length, expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double tol = atol + rtol * Math.abs(expected[i]);
            if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
                fail("%s[%d] = %s but PyTorch gives %s (difference %s > tolerance %s)", what, i, actual[i], expected[i],
                        Math.abs(actual[i] - expected[i]), tol);
            }
        }
    }

    /** {@link #assertClose(String, double[], double[], double, double)} for float results. */
    public static void assertClose(String what, float[] actual, double[] expected, double rtol, double atol) {
        double[] a = new double[actual.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = actual[i];
        }
        assertClose(what, a, expected, rtol, atol);
    }
}
