package io.rnn4j.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.optim.LrScheduler;
import io.rnn4j.core.optim.OptimizerKind;
import io.rnn4j.core.optim.OptimizerState;
import io.rnn4j.core.train.EpochResult;
import io.rnn4j.core.train.TrainerState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArchiveTest {
    private static final Instant CREATED = Instant.parse("2024-05-01T12:00:00Z");
    private static final String YAML = "version: 1\nname: tiny\nseed: 42\n";

    @TempDir
    Path dir;

    static TrainerState state(int params) {
        float[] m = new float[params];
        Arrays.fill(m, 0.5f);
        Map<String, float[]> buffers = new LinkedHashMap<>();
        buffers.put("exp_avg", m);
        buffers.put("exp_avg_sq", m);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("val_loss", 0.5);
        metrics.put("accuracy", 0.75);
        return new TrainerState(2, 16, new OptimizerState(OptimizerKind.ADAM, 16, buffers),
                new LrScheduler.State(2, 0.01, Double.NaN, 0, 0), 7, 123456789L, 1, 0.5, 2, m,
                List.of(new EpochResult(1, 0.9, metrics, 0.01, 1.5), new EpochResult(2, 0.6, metrics, 0.01, 1.25)));
    }

    private ArchiveContents.Builder contents(ParameterSet params) throws IOException {
        Path train = dir.resolve("train.csv");
        Files.writeString(train, "hello\n");
        return ArchiveContents.builder().experimentYaml(YAML).weights(params).trainerState(state(params.count()))
                .data("vocabulary.json", "{\"<pad>\": 0}".getBytes(StandardCharsets.UTF_8))
                .data("labels.json", "[\"neg\", \"pos\"]".getBytes(StandardCharsets.UTF_8))
                .provenance(new Provenance(42L, List.of(Provenance.DataFile.hash("train", train)),
                        Map.of("experiment", "tiny")))
                .backend("cpu").created(CREATED);
    }

    @Test
    void writesEveryPartAndReadsItBack() throws IOException {
        ParameterSet params = WeightsTest.params(3);
        Path file = dir.resolve("model.rnn4j");

        ModelArchive.write(file, contents(params).build());
        ModelArchive a = ModelArchive.read(file);

        assertThat(a.manifest()).isEqualTo(new Manifest("rnn4j-model", 1, Manifest.currentRnn4jVersion(),
                "2024-05-01T12:00:00Z", a.manifest().jvm(), a.manifest().os(), "cpu"));
        assertThat(a.manifest().jvm()).startsWith(System.getProperty("java.version") + " (");
        assertThat(a.manifest().os()).startsWith(System.getProperty("os.name") + " ");
        assertThat(a.experimentYaml()).isEqualTo(YAML);
        assertThat(a.weights().entries()).isEqualTo(Weights.of(params).entries());
        assertThat(a.trainerState()).contains(state(params.count()));
        assertThat(a.dataNames()).containsExactly("vocabulary.json", "labels.json");
        assertThat(a.data("labels.json")).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("[\"neg\", \"pos\"]"));
        assertThat(a.data("normalization.json")).isEmpty();
        assertThat(a.provenance().seed()).isEqualTo(42L);
        // sha256sum of "hello\n", computed by coreutils
        assertThat(a.provenance().dataFiles()).containsExactly(new Provenance.DataFile("train",
                dir.resolve("train.csv").toString(), "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", 6));
        assertThat(a.provenance().extra()).containsExactly(Map.entry("experiment", "tiny"));
        assertThat(a.path()).isEqualTo(file);
    }

    @Test
    void theZipHoldsTheDocumentedEntriesManifestFirstAndWeightsUncompressed() throws IOException {
        Path file = dir.resolve("model.rnn4j");
        ModelArchive.write(file, contents(WeightsTest.params(3)).build());

        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertThat(Collections.list(zip.entries())).extracting(ZipEntry::getName).containsExactly("manifest.json",
                    "experiment.yaml", "weights.bin", "trainer-state.bin", "data/vocabulary.json", "data/labels.json",
                    "provenance.json");
            assertThat(zip.getEntry("weights.bin").getMethod()).isEqualTo(ZipEntry.STORED);
            String manifest = new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(manifest).isEqualTo("{\n  \"format\": \"rnn4j-model\",\n  \"format_version\": 1,\n"
                    + "  \"rnn4j_version\": \"" + Manifest.currentRnn4jVersion() + "\",\n"
                    + "  \"created\": \"2024-05-01T12:00:00Z\",\n"
                    + "  \"jvm\": \"" + System.getProperty("java.version") + " (" + System.getProperty("java.vm.vendor")
                    + " " + System.getProperty("java.vm.name") + ")\",\n"
                    + "  \"os\": \"" + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                    + System.getProperty("os.arch") + "\",\n  \"backend\": \"cpu\"\n}\n");
            String provenance = new String(zip.getInputStream(zip.getEntry("provenance.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(provenance).isEqualTo("{\n  \"seed\": 42,\n  \"data.train.path\": \""
                    + dir.resolve("train.csv").toString().replace("\\", "\\\\") + "\",\n"
                    + "  \"data.train.sha256\": \"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03\",\n"
                    + "  \"data.train.bytes\": 6,\n  \"experiment\": \"tiny\"\n}\n");
        }
    }

    @Test
    void anArchiveWithoutTrainerStateOrDataReadsBackWithout() {
        Path file = dir.resolve("m.rnn4j");
        ModelArchive.write(file, ArchiveContents.builder().experimentYaml(YAML).weights(WeightsTest.params(2)).build());

        ModelArchive a = ModelArchive.read(file);

        assertThat(a.trainerState()).isEmpty();
        assertThat(a.dataNames()).isEmpty();
        assertThat(a.provenance()).isEqualTo(Provenance.none());
        assertThat(a.manifest().backend()).isEqualTo("unknown");
    }

    @Test
    void aSaveThatFailsMidwayLeavesThePreviousFileIntactAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.rnn4j");
        ModelArchive.write(file, contents(WeightsTest.params(3)).build());
        byte[] before = Files.readAllBytes(file);
        ArchiveContents failing = contents(WeightsTest.params(3)).weights(() -> {
            throw new IllegalStateException("simulated crash while taking the weights");
        }).build();

        assertThatThrownBy(() -> ModelArchive.write(file, failing))
                .isInstanceOf(Rnn4jException.class)
                .hasMessage("RNN4J-ARCHIVE-005: could not write the model archive " + file + ": "
                        + "java.lang.IllegalStateException: simulated crash while taking the weights. The previous file, "
                        + "if there was one, is unchanged. Check that the directory " + dir.toAbsolutePath().normalize()
                        + " exists and is writable and that the disk has space, then save again.")
                .hasRootCauseMessage("simulated crash while taking the weights");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("model.rnn4j", "train.csv");
        }
        assertThat(ModelArchive.read(file).trainerState()).isPresent();
    }

    @Test
    void aSecondSaveReplacesTheFirst() throws IOException {
        Path file = dir.resolve("model.rnn4j");
        ModelArchive.write(file, contents(WeightsTest.params(3)).build());

        ModelArchive.write(file, ArchiveContents.builder().experimentYaml("v2").weights(WeightsTest.params(1)).build());

        assertThat(ModelArchive.read(file).experimentYaml()).isEqualTo("v2");
        assertThat(ModelArchive.read(file).weights().count()).isEqualTo(3);
    }

    @Test
    void savingIntoAMissingDirectoryNamesIt() {
        Path file = dir.resolve("missing").resolve("model.rnn4j");

        assertThatThrownBy(() -> ModelArchive.write(file, ArchiveContents.builder().experimentYaml(YAML)
                .weights(WeightsTest.params(1)).build()))
                .hasMessageStartingWith("RNN4J-ARCHIVE-005: could not write the model archive " + file + ": "
                        + "java.nio.file.NoSuchFileException: ")
                .hasMessageEndingWith("The previous file, if there was one, is unchanged. Check that the directory "
                        + dir.resolve("missing").toAbsolutePath() + " exists and is writable and that the disk has "
                        + "space, then save again.");
    }

    @Test
    void aFileThatIsNotAZipIsNotAModelArchive() throws IOException {
        Path file = dir.resolve("model.rnn4j");
        Files.writeString(file, "this is a CSV file,\nnot a model\n");

        assertThatThrownBy(() -> ModelArchive.read(file))
                .hasMessageStartingWith("RNN4J-ARCHIVE-001: " + file + " is not an rnn4j model archive (it is not a "
                        + "readable zip file; it may be truncated or corrupt: ")
                .hasMessageEndingWith("). Use the file as training wrote it; if it was copied, copy it again completely.");
    }

    @Test
    void aTruncatedArchiveIsReportedAsNotReadable() throws IOException {
        Path file = dir.resolve("model.rnn4j");
        ModelArchive.write(file, contents(WeightsTest.params(3)).build());
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length / 2)); // a copy interrupted halfway

        assertThatThrownBy(() -> ModelArchive.read(file)).isInstanceOf(Rnn4jException.class)
                .hasMessageStartingWith("RNN4J-ARCHIVE-001: " + file + " is not an rnn4j model archive (it is not a "
                        + "readable zip file; it may be truncated or corrupt: ");
    }

    @Test
    void aZipWithoutManifestIsAForeignFile() throws IOException {
        Path file = dir.resolve("photos.zip");
        zip(file, Map.of("a.jpg", new byte[] {1}));

        assertThatThrownBy(() -> ModelArchive.read(file)).hasMessage("RNN4J-ARCHIVE-002: " + file + " is not an rnn4j "
                + "model archive: it is a zip file without manifest.json (its entries: a.jpg). Pass a model archive "
                + "written by rnn4j (ModelArchive.write or 'rnn4j train'), not another zip file.");
    }

    @Test
    void aManifestOfAnotherFormatIsAForeignFile() throws IOException {
        Path file = dir.resolve("other.zip");
        zip(file, Map.of("manifest.json", "{\"format\": \"keras\"}".getBytes(StandardCharsets.UTF_8)));
        Path broken = dir.resolve("broken.zip");
        zip(broken, Map.of("manifest.json", "Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> ModelArchive.read(file)).hasMessage("RNN4J-ARCHIVE-002: " + file + " is not an rnn4j "
                + "model archive: its manifest.json names the format 'keras', not 'rnn4j-model'. Pass a model archive "
                + "written by rnn4j (ModelArchive.write or 'rnn4j train'), not another zip file.");
        assertThatThrownBy(() -> ModelArchive.read(broken)).hasMessage("RNN4J-ARCHIVE-002: " + broken + " is not an "
                + "rnn4j model archive: its manifest.json is not an rnn4j manifest (expected '{' at line 1, column 1). "
                + "Pass a model archive written by rnn4j (ModelArchive.write or 'rnn4j train'), not another zip file.");
    }

    @Test
    void aNewerFormatVersionIsRefusedWithTheVersionsInvolved() throws IOException {
        Path file = dir.resolve("model.rnn4j");
        ModelArchive.write(file, contents(WeightsTest.params(3)).build());
        Path newer = dir.resolve("newer.rnn4j");
        rewrite(file, newer, (name, bytes) -> name.equals("manifest.json") ? new String(bytes, StandardCharsets.UTF_8)
                .replace("\"format_version\": 1", "\"format_version\": 2")
                .replaceAll("\"rnn4j_version\": \"[^\"]*\"", "\"rnn4j_version\": \"9.0.0\"")
                .getBytes(StandardCharsets.UTF_8) : bytes);

        assertThatThrownBy(() -> ModelArchive.read(newer)).hasMessage("RNN4J-ARCHIVE-003: " + newer + " was written by "
                + "rnn4j 9.0.0 in model format version 2, but this rnn4j (" + Manifest.currentRnn4jVersion() + ") reads "
                + "format versions up to 1. Upgrade rnn4j to read it, or save the model again with this version.");
    }

    @Test
    void aByteFlippedInsideTheWeightsFailsTheChecksum() throws IOException {
        Path file = dir.resolve("model.rnn4j");
        ModelArchive.write(file, contents(WeightsTest.params(3)).build());
        byte[] all = Files.readAllBytes(file);
        int at = indexOf(all, new byte[] {'R', '4', 'J', 'W'}) + 40; // inside the first parameter's values
        all[at] ^= 0x01;
        Files.write(file, all);

        assertThatThrownBy(() -> ModelArchive.read(file))
                .hasMessageStartingWith("RNN4J-ARCHIVE-004: " + file + " is a damaged rnn4j model archive: entry "
                        + "weights.bin does not match its checksum (CRC32 recorded ")
                .hasMessageEndingWith("). The file changed after it was written (an interrupted copy, a disk error or an "
                        + "edit); restore it from a backup or train the model again.");
    }

    @Test
    void weightsWhoseOwnCrcFailsAreDamagedEvenWhenTheZipAgrees() throws IOException {
        Path file = dir.resolve("model.rnn4j");
        ModelArchive.write(file, contents(WeightsTest.params(3)).build());
        Path edited = dir.resolve("edited.rnn4j");
        rewrite(file, edited, (name, bytes) -> {
            if (name.equals("weights.bin")) {
                bytes[bytes.length - 8] ^= 0x10; // the zip CRC is recomputed; weights.bin's own is not
            }
            return bytes;
        });

        assertThatThrownBy(() -> ModelArchive.read(edited))
                .hasMessageStartingWith("RNN4J-ARCHIVE-004: " + edited + " is a damaged rnn4j model archive: weights.bin "
                        + "does not match its CRC32 (stored ");
    }

    @Test
    void anArchiveWithoutWeightsIsIncomplete() throws IOException {
        Path file = dir.resolve("model.rnn4j");
        ModelArchive.write(file, contents(WeightsTest.params(3)).build());
        Path partial = dir.resolve("partial.rnn4j");
        rewrite(file, partial, (name, bytes) -> name.equals("weights.bin") ? null : bytes);

        assertThatThrownBy(() -> ModelArchive.read(partial)).hasMessage("RNN4J-ARCHIVE-004: " + partial + " is a damaged "
                + "rnn4j model archive: it has no weights.bin, which every rnn4j model archive holds. The file changed "
                + "after it was written (an interrupted copy, a disk error or an edit); restore it from a backup or train "
                + "the model again.");
    }

    @Test
    void aCorruptTrainerStateIsDamage() throws IOException {
        Path file = dir.resolve("model.rnn4j");
        ModelArchive.write(file, contents(WeightsTest.params(3)).build());
        Path edited = dir.resolve("edited.rnn4j");
        rewrite(file, edited, (name, bytes) -> name.equals("trainer-state.bin") ? Arrays.copyOf(bytes, 30) : bytes);

        assertThatThrownBy(() -> ModelArchive.read(edited)).hasMessageStartingWith("RNN4J-ARCHIVE-004: " + edited
                + " is a damaged rnn4j model archive: its trainer-state.bin cannot be read: ");
    }

    @Test
    void aMissingFileOrADirectoryCannotBeRead() {
        Path missing = dir.resolve("nope.rnn4j");

        assertThatThrownBy(() -> ModelArchive.read(missing)).hasMessage("RNN4J-ARCHIVE-007: " + missing + " does not "
                + "exist; check the path of the model archive (a file written by ModelArchive.write or 'rnn4j train').");
        assertThatThrownBy(() -> ModelArchive.read(dir)).hasMessage("RNN4J-ARCHIVE-007: " + dir + " is a directory; "
                + "give the path of a model archive file you may read.");
    }

    @Test
    void dataEntryNamesArePlainFileNames() {
        ArchiveContents.Builder b = ArchiveContents.builder();
        b.data("vocabulary.json", new byte[0]);

        assertThatThrownBy(() -> b.data("../evil", new byte[0])).hasMessage("data entry name '../evil' must be a plain "
                + "file name (letters, digits, '.', '_', '-', not starting with '.'), e.g. vocabulary.json");
        assertThatThrownBy(() -> b.data("sub/x.json", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.data("vocabulary.json", new byte[0]))
                .hasMessage("data entry 'vocabulary.json' was given twice");
    }

    @Test
    void provenanceValidatesItsParts() {
        assertThatThrownBy(() -> new Provenance(1L, List.of(), Map.of("data.x", "y"))).hasMessage("provenance key "
                + "'data.x' is reserved (seed and data.* are written from the seed and the data files); choose another name");
        assertThatThrownBy(() -> new Provenance.DataFile("train", "a.csv", "ABC", 1))
                .hasMessage("sha256 of a.csv must be 64 lower-case hex digits, got 'ABC'");
        assertThatThrownBy(() -> new Provenance.DataFile("tr.ain", "a.csv", "0".repeat(64), 1))
                .hasMessage("data file role 'tr.ain' must be letters, digits, _ or -");
        assertThatThrownBy(() -> Provenance.fromMap(Map.of("data.train.path", "a.csv")))
                .hasMessage("data file 'train' lacks its path, sha256 or bytes");
    }

    private static void zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
    }

    /** Copies a zip entry by entry through {@code edit} (null drops the entry), with fresh zip checksums. */
    private static void rewrite(Path from, Path to, BiFunction<String, byte[], byte[]> edit) throws IOException {
        List<String> names = new ArrayList<>();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(from.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                names.add(e.getName());
                byte[] b = edit.apply(e.getName(), z.getInputStream(e).readAllBytes());
                if (b != null) {
                    entries.put(e.getName(), b);
                }
            }
        }
        zip(to, entries);
    }

    private static int indexOf(byte[] all, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= all.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (all[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
