package io.rnn4j.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a model came from, stored as the archive's {@code provenance.json}: the seed and every data file
 * with its SHA-256 hash (so a later run can tell whether it trains on the same bytes), plus free-form
 * facts the application adds (the experiment's name, a git commit, the command line).
 *
 * <p>{@code provenance.json} is flat JSON (see {@code manifest.json}):
 * <pre>
 * {
 *   "seed": 42,
 *   "data.train.path": "data/fine_foods_train.csv",
 *   "data.train.sha256": "9f86d08...",
 *   "data.train.bytes": 1048576,
 *   "experiment": "fine-foods-sentiment"
 * }
 * </pre>
 *
 * @param seed      the experiment's seed, or {@code null}
 * @param dataFiles the data files read, by role
 * @param extra     other facts; keys must not be {@code seed} or start with {@code data.}
 */
public record Provenance(Long seed, List<DataFile> dataFiles, Map<String, String> extra) {
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9_-]+");

    /** Copies and checks the parts. */
    public Provenance {
        dataFiles = List.copyOf(dataFiles);
        extra = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        for (String k : extra.keySet()) {
            if (k.equals("seed") || k.startsWith("data.")) {
                throw new IllegalArgumentException("provenance key '" + k + "' is reserved (seed and data.* are written "
                        + "from the seed and the data files); choose another name");
            }
        }
        List<String> roles = new ArrayList<>();
        for (DataFile f : dataFiles) {
            if (roles.contains(f.role())) {
                throw new IllegalArgumentException("two data files have the role '" + f.role() + "'");
            }
            roles.add(f.role());
        }
    }

    /** No provenance recorded. */
    public static Provenance none() {
        return new Provenance(null, List.of(), Map.of());
    }

    /**
     * A data file.
     *
     * @param role   what it was used for ({@code train}, {@code test}, ...): letters, digits, {@code _} and {@code -}
     * @param path   the path as the experiment named it
     * @param sha256 the SHA-256 of its bytes, lower-case hex
     * @param bytes  its size
     */
    public record DataFile(String role, String path, String sha256, long bytes) {
        /** Validates the role and hash. */
        public DataFile {
            Objects.requireNonNull(path, "path");
            if (role == null || !ROLE.matcher(role).matches()) {
                throw new IllegalArgumentException("data file role '" + role + "' must be letters, digits, _ or -");
            }
            if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("sha256 of " + path + " must be 64 lower-case hex digits, got '"
                        + sha256 + "'");
            }
        }

        /**
         * Hashes a file.
         *
         * @param role what the file is for
         * @param file the file (its path is recorded as given)
         * @throws UncheckedIOException naming the file if it cannot be read
         */
        public static DataFile hash(String role, Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[1 << 16];
                long total = 0;
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                    total += n;
                }
                return new DataFile(role, file.toString(), HexFormat.of().formatHex(md.digest()), total);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot hash data file " + file + " for the model's provenance: "
                        + e.getMessage(), e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
            }
        }
    }

    /** The JSON text. */
    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (seed != null) {
            m.put("seed", seed);
        }
        for (DataFile f : dataFiles) {
            m.put("data." + f.role() + ".path", f.path());
            m.put("data." + f.role() + ".sha256", f.sha256());
            m.put("data." + f.role() + ".bytes", f.bytes());
        }
        m.putAll(extra);
        return FlatJson.write(m);
    }

    /**
     * Reads a parsed {@code provenance.json}.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    static Provenance fromMap(Map<String, String> m) {
        Long seed = null;
        Map<String, String[]> files = new LinkedHashMap<>();
        Map<String, String> extra = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : m.entrySet()) {
            String k = e.getKey();
            if (k.equals("seed")) {
                seed = parseLong(k, e.getValue());
            } else if (k.startsWith("data.")) {
                int dot = k.lastIndexOf('.');
                String role = k.substring(5, Math.max(5, dot));
                String field = k.substring(dot + 1);
                int slot = switch (field) {
                    case "path" -> 0;
                    case "sha256" -> 1;
                    case "bytes" -> 2;
                    default -> throw new IllegalArgumentException("unknown provenance field '" + k + "'");
                };
                files.computeIfAbsent(role, r -> new String[3])[slot] = e.getValue();
            } else {
                extra.put(k, e.getValue());
            }
        }
        List<DataFile> dataFiles = new ArrayList<>();
        for (Map.Entry<String, String[]> f : files.entrySet()) {
            String[] v = f.getValue();
            if (v[0] == null || v[1] == null || v[2] == null) {
                throw new IllegalArgumentException("data file '" + f.getKey() + "' lacks its path, sha256 or bytes");
            }
            dataFiles.add(new DataFile(f.getKey(), v[0], v[1], parseLong("data." + f.getKey() + ".bytes", v[2])));
        }
        return new Provenance(seed, dataFiles, extra);
    }

    private static long parseLong(String key, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is '" + v + "', not an integer");
        }
    }
}
