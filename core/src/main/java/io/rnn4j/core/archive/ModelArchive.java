package io.rnn4j.core.archive;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.train.TrainerState;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained model as one file: a zip archive holding
 * <ul>
 *   <li>{@code manifest.json}: format id {@code rnn4j-model}, format version, rnn4j version, creation
 *       time, JVM, OS, backend ({@link Manifest}); written first;</li>
 *   <li>{@code experiment.yaml}: the resolved experiment the model was built and trained from;</li>
 *   <li>{@code weights.bin}: every parameter by name with its shape, little-endian float32, with a CRC32
 *       ({@link Weights}); stored uncompressed, as floats hardly compress;</li>
 *   <li>{@code trainer-state.bin} (optional): a {@link TrainerState} to resume training from;</li>
 *   <li>{@code data/<name>}: the application's entries (vocabulary, labels, normalization statistics),
 *       bytes as given;</li>
 *   <li>{@code provenance.json}: seed and data files with their SHA-256 ({@link Provenance}).</li>
 * </ul>
 *
 * <p>{@link #write} is atomic: it writes a temporary file in the target's directory, forces it to disk,
 * renames it over the target and forces the directory, so a crash or {@code kill -9} during a save
 * leaves either the previous file or the new one, never a mix; a failed save removes its temporary
 * file. {@link #read} reads and checks everything at once (every entry against its zip CRC32,
 * {@code weights.bin} against its own), so a damaged file fails when it is opened, with a message that
 * names the file and says what to do:
 * <ul>
 *   <li>{@code RNN4J-ARCHIVE-001}: not a readable zip (truncated, corrupt, or not a zip at all);</li>
 *   <li>{@code RNN4J-ARCHIVE-002}: a zip, but not an rnn4j model (no manifest, or another format);</li>
 *   <li>{@code RNN4J-ARCHIVE-003}: written in a newer format version than this rnn4j reads;</li>
 *   <li>{@code RNN4J-ARCHIVE-004}: damaged or incomplete (checksum, sizes, a missing entry);</li>
 *   <li>{@code RNN4J-ARCHIVE-005}: the file could not be written (the previous one is unchanged);</li>
 *   <li>{@code RNN4J-ARCHIVE-006}: the weights do not fit the model they are loaded into
 *       ({@link Weights#loadInto});</li>
 *   <li>{@code RNN4J-ARCHIVE-007}: the file does not exist or cannot be read.</li>
 * </ul>
 *
 * <p>Manifest and provenance are flat JSON objects written and read by a small reader of rnn4j's own
 * (core depends on no JSON library); binary entries have their own magic and version.
 */
public final class ModelArchive {
    private static final Logger LOG = LoggerFactory.getLogger(ModelArchive.class);
    static final String MANIFEST = "manifest.json";
    static final String EXPERIMENT = "experiment.yaml";
    static final String TRAINER_STATE = "trainer-state.bin";
    static final String PROVENANCE = "provenance.json";
    static final String DATA = "data/";
    private static final long MAX_ENTRY = Integer.MAX_VALUE - 8;

    private final Path path;
    private final Manifest manifest;
    private final String experimentYaml;
    private final Weights weights;
    private final TrainerState trainerState;
    private final Map<String, byte[]> data;
    private final Provenance provenance;

    private ModelArchive(Path path, Manifest manifest, String experimentYaml, Weights weights, TrainerState trainerState,
            Map<String, byte[]> data, Provenance provenance) {
        this.path = path;
        this.manifest = manifest;
        this.experimentYaml = experimentYaml;
        this.weights = weights;
        this.trainerState = trainerState;
        this.data = Collections.unmodifiableMap(data);
        this.provenance = provenance;
    }

    /** The file this archive was read from. */
    public Path path() {
        return path;
    }

    /** The manifest. */
    public Manifest manifest() {
        return manifest;
    }

    /** The resolved experiment YAML. */
    public String experimentYaml() {
        return experimentYaml;
    }

    /** The weights; {@link Weights#loadInto} puts them into a model built from {@link #experimentYaml()}. */
    public Weights weights() {
        return weights;
    }

    /** The trainer state, if the archive was saved to resume training. */
    public Optional<TrainerState> trainerState() {
        return Optional.ofNullable(trainerState);
    }

    /** Names of the application's data entries (without {@code data/}). */
    public List<String> dataNames() {
        return List.copyOf(data.keySet());
    }

    /** A copy of an application data entry's bytes, if present. */
    public Optional<byte[]> data(String name) {
        byte[] b = data.get(name);
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    /** The provenance. */
    public Provenance provenance() {
        return provenance;
    }

    /**
     * Writes {@code contents} to {@code target} atomically, replacing any previous file only when the new
     * one is complete and on disk.
     *
     * @throws Rnn4jException {@code RNN4J-ARCHIVE-005} if anything fails (including the contents'
     *                        suppliers); the previous file is then unchanged and no temporary file remains
     */
    public static void write(Path target, ArchiveContents contents) {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        Path tmp = null;
        boolean done = false;
        try {
            tmp = io.rnn4j.core.io.TempFiles.sibling(abs); // mode from the umask, not 0600
            Instant created = contents.created() != null ? contents.created() : Instant.now();
            try (FileOutputStream file = new FileOutputStream(tmp.toFile());
                    ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(file, 1 << 16),
                            StandardCharsets.UTF_8)) {
                long time = created.toEpochMilli();
                Manifest manifest = Manifest.current(contents.backend(), created.toString());
                put(zip, MANIFEST, utf8(manifest.toJson()), true, time);
                put(zip, EXPERIMENT, utf8(contents.experimentYaml()), true, time);
                put(zip, Weights.ENTRY, contents.weights().toBytes(), false, time);
                TrainerState state = contents.trainerState();
                if (state != null) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (DataOutputStream out = new DataOutputStream(bytes)) {
                        state.writeTo(out);
                    }
                    put(zip, TRAINER_STATE, bytes.toByteArray(), false, time);
                }
                for (Map.Entry<String, byte[]> e : contents.data().entrySet()) {
                    put(zip, DATA + e.getKey(), e.getValue(), true, time);
                }
                put(zip, PROVENANCE, utf8(contents.provenance().toJson()), true, time);
                zip.finish();
                zip.flush();
                file.getFD().sync(); // the bytes are on disk before the rename makes them the archive
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                LOG.warn("{} does not support atomic renames; replacing {} non-atomically", dir, abs);
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            syncDirectory(dir);
        } catch (IOException | RuntimeException e) {
            throw new Rnn4jException("RNN4J-ARCHIVE-005", "could not write the model archive " + target + ": " + e
                    + ". The previous file, if there was one, is unchanged. Check that the directory " + dir
                    + " exists and is writable and that the disk has space, then save again.", e);
        } finally {
            if (!done && tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.warn("could not remove the temporary file {}: {}", tmp, e.toString());
                }
            }
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes, boolean deflate, long time)
            throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(time);
        if (!deflate) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            e.setMethod(ZipEntry.STORED);
            e.setSize(bytes.length);
            e.setCompressedSize(bytes.length);
            e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Makes the rename durable; some platforms cannot open a directory, where this is a no-op. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot sync directory {}: {}", dir, e.toString());
        }
    }

    /**
     * Reads and checks a model archive.
     *
     * @throws Rnn4jException {@code RNN4J-ARCHIVE-001}, {@code -002}, {@code -003}, {@code -004} or
     *                        {@code -007}; see the class comment
     */
    public static ModelArchive read(Path file) {
        if (!Files.exists(file)) {
            throw new Rnn4jException("RNN4J-ARCHIVE-007", file + " does not exist; check the path of the model "
                    + "archive (a file written by ModelArchive.write or 'rnn4j train').");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new Rnn4jException("RNN4J-ARCHIVE-007", file + " is " + (Files.isDirectory(file) ? "a directory"
                    : "not a readable file") + "; give the path of a model archive file you may read.");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            throw new Rnn4jException("RNN4J-ARCHIVE-001", file + " is not an rnn4j model archive (it is not a "
                    + "readable zip file; it may be truncated or corrupt: " + e.getMessage() + "). Use the file as "
                    + "training wrote it; if it was copied, copy it again completely.", e);
        }
        try (zip) {
            return read(file, zip);
        } catch (IOException e) {
            throw damaged(file, "it could not be read completely (" + e + ")", e);
        }
    }

    private static ModelArchive read(Path file, ZipFile zip) throws IOException {
        ZipEntry me = zip.getEntry(MANIFEST);
        if (me == null) {
            List<String> names = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements() && names.size() < 5; ) {
                names.add(en.nextElement().getName());
            }
            throw foreign(file, "it is a zip file without manifest.json (its entries: "
                    + (names.isEmpty() ? "none" : String.join(", ", names) + (zip.size() > 5 ? ", ..." : "")) + ")");
        }
        Map<String, String> fields;
        try {
            fields = FlatJson.read(new String(entry(file, zip, me), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw foreign(file, "its manifest.json is not an rnn4j manifest (" + e.getMessage() + ")");
        }
        if (!Manifest.FORMAT.equals(fields.get("format"))) {
            throw foreign(file, "its manifest.json names the format '" + fields.getOrDefault("format", "(none)")
                    + "', not '" + Manifest.FORMAT + "'");
        }
        Manifest manifest;
        try {
            manifest = Manifest.fromMap(fields);
        } catch (IllegalArgumentException e) {
            throw damaged(file, "its manifest.json is incomplete: " + e.getMessage(), e);
        }
        if (manifest.formatVersion() > Manifest.FORMAT_VERSION) {
            throw new Rnn4jException("RNN4J-ARCHIVE-003", file + " was written by rnn4j " + manifest.rnn4jVersion()
                    + " in model format version " + manifest.formatVersion() + ", but this rnn4j ("
                    + Manifest.currentRnn4jVersion() + ") reads format versions up to " + Manifest.FORMAT_VERSION
                    + ". Upgrade rnn4j to read it, or save the model again with this version.");
        }
        if (manifest.formatVersion() < 1) {
            throw damaged(file, "its manifest.json gives the impossible format version " + manifest.formatVersion(), null);
        }
        String yaml = new String(required(file, zip, EXPERIMENT), StandardCharsets.UTF_8);
        Weights weights;
        try {
            weights = Weights.fromBytes(required(file, zip, Weights.ENTRY), file.toString());
        } catch (IllegalArgumentException e) {
            throw damaged(file, e.getMessage(), e);
        }
        Provenance provenance;
        try {
            provenance = Provenance.fromMap(FlatJson.read(new String(required(file, zip, PROVENANCE),
                    StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw damaged(file, "its provenance.json cannot be read: " + e.getMessage(), e);
        }
        TrainerState state = null;
        ZipEntry se = zip.getEntry(TRAINER_STATE);
        if (se != null) {
            try (DataInputStream in = new DataInputStream(new Bytes(entry(file, zip, se)))) {
                state = TrainerState.readFrom(in);
            } catch (IOException e) {
                throw damaged(file, "its trainer-state.bin cannot be read: " + e.getMessage(), e);
            }
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
            ZipEntry e = en.nextElement();
            if (e.getName().startsWith(DATA) && !e.isDirectory()) {
                data.put(e.getName().substring(DATA.length()), entry(file, zip, e));
            }
        }
        return new ModelArchive(file, manifest, yaml, weights, state, data, provenance);
    }

    /**
     * Bytes read one at a time without the lock of {@link ByteArrayInputStream#read()}: the trainer state is
     * several floats per weight read with {@link DataInputStream#readFloat()}, four calls each, which took a
     * noticeable part of loading a model for {@code predict}.
     */
    private static final class Bytes extends java.io.InputStream {
        private final byte[] bytes;
        private int pos;

        Bytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (pos >= bytes.length) {
                return -1;
            }
            int n = Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    private static byte[] required(Path file, ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw damaged(file, "it has no " + name + ", which every rnn4j model archive holds", null);
        }
        return entry(file, zip, e);
    }

    /** An entry's bytes, checked against the size and CRC32 recorded in the zip. */
    private static byte[] entry(Path file, ZipFile zip, ZipEntry e) throws IOException {
        if (e.getSize() > MAX_ENTRY) {
            throw damaged(file, "entry " + e.getName() + " claims " + e.getSize() + " bytes, more than an entry may hold",
                    null);
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
            bytes = in.readNBytes((int) MAX_ENTRY);
        } catch (ZipException x) {
            throw damaged(file, "entry " + e.getName() + " cannot be decompressed (" + x.getMessage() + ")", x);
        }
        if (e.getSize() >= 0 && bytes.length != e.getSize()) {
            throw damaged(file, "entry " + e.getName() + " holds " + bytes.length + " bytes but the zip records "
                    + e.getSize(), null);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (e.getCrc() >= 0 && crc.getValue() != e.getCrc()) {
            throw damaged(file, String.format("entry %s does not match its checksum (CRC32 recorded %08x, computed "
                    + "%08x)", e.getName(), e.getCrc(), crc.getValue()), null);
        }
        return bytes;
    }

    private static Rnn4jException foreign(Path file, String why) {
        return new Rnn4jException("RNN4J-ARCHIVE-002", file + " is not an rnn4j model archive: " + why + ". Pass a "
                + "model archive written by rnn4j (ModelArchive.write or 'rnn4j train'), not another zip file.");
    }

    private static Rnn4jException damaged(Path file, String why, Throwable cause) {
        return new Rnn4jException("RNN4J-ARCHIVE-004", file + " is a damaged rnn4j model archive: " + why + ". The "
                + "file changed after it was written (an interrupted copy, a disk error or an edit); restore it "
                + "from a backup or train the model again.", cause);
    }
}
