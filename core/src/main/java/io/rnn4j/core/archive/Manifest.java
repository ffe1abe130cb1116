package io.rnn4j.core.archive;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The archive's {@code manifest.json}: what the file is and what wrote it.
 *
 * <pre>
 * {
 *   "format": "rnn4j-model",
 *   "format_version": 1,
 *   "rnn4j_version": "0.1.0",
 *   "created": "2024-05-01T12:00:00Z",
 *   "jvm": "17.0.10 (Eclipse Adoptium OpenJDK 64-Bit Server VM)",
 *   "os": "Linux 6.1 amd64",
 *   "backend": "cpu"
 * }
 * </pre>
 *
 * @param format        always {@link #FORMAT}; anything else is a foreign file
 * @param formatVersion the archive layout's version; a reader refuses versions newer than its own
 * @param rnn4jVersion  the rnn4j release that wrote the file
 * @param created       when, as an ISO-8601 UTC instant
 * @param jvm           the Java runtime that wrote it
 * @param os            the operating system and architecture
 * @param backend       the id of the backend the model was trained on
 */
public record Manifest(String format, int formatVersion, String rnn4jVersion, String created, String jvm, String os,
        String backend) {
    /** The {@code format} of every rnn4j model archive. */
    public static final String FORMAT = "rnn4j-model";
    /** The layout version this rnn4j writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    /** Checks for null. */
    public Manifest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(rnn4jVersion, "rnn4jVersion");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(jvm, "jvm");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(backend, "backend");
    }

    /** The version of rnn4j on the class path (from the jar manifest), or {@code development}. */
    public static String currentRnn4jVersion() {
        Package p = Manifest.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** A manifest for a file written now by this JVM. */
    static Manifest current(String backend, String created) {
        return new Manifest(FORMAT, FORMAT_VERSION, currentRnn4jVersion(), created,
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.vendor") + " "
                        + System.getProperty("java.vm.name") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                backend);
    }

    /** The JSON text. */
    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", format);
        m.put("format_version", formatVersion);
        m.put("rnn4j_version", rnn4jVersion);
        m.put("created", created);
        m.put("jvm", jvm);
        m.put("os", os);
        m.put("backend", backend);
        return FlatJson.write(m);
    }

    /**
     * Reads the fields of a parsed manifest. Fields a newer writer may add are ignored; missing
     * descriptive fields read as {@code unknown}.
     *
     * @throws IllegalArgumentException if {@code format_version} is missing or not an integer
     */
    static Manifest fromMap(Map<String, String> m) {
        String v = m.get("format_version");
        int version;
        try {
            version = Integer.parseInt(Objects.requireNonNull(v, "format_version is missing"));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("format_version is " + (v == null ? "missing" : "'" + v + "'")
                    + ", not an integer");
        }
        return new Manifest(m.getOrDefault("format", ""), version, m.getOrDefault("rnn4j_version", "unknown"),
                m.getOrDefault("created", "unknown"), m.getOrDefault("jvm", "unknown"), m.getOrDefault("os", "unknown"),
                m.getOrDefault("backend", "unknown"));
    }
}
