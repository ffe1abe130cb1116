package io.rnn4j.data.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.data.DataFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 point 4: file reading was inconsistent between formats and callers. A CSV starting with a
 * byte-order mark lost its first column name, 1e39 was accepted in CSV but refused in JSON Lines, a
 * duplicate JSON key was accepted silently, bytes that are not UTF-8 were reported without a line, and
 * messages named Jackson's options.
 */
class DataReadingTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String EXAMPLE = "{\"x\": [[0.1, 0.2]], \"y\": 1}";

    @TempDir
    Path dir;

    private Path write(String name, byte[]... parts) throws Exception {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.write(p);
        }
        return Files.write(dir.resolve(name), b.toByteArray());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aByteOrderMarkIsSkippedInEveryFormat() throws Exception {
        CsvTable csv = CsvTable.read(write("a.csv", BOM, utf8("\"month\",passengers\r\n1949-01,112\r\n")), "train");
        assertThat(csv.header()).containsExactly("month", "passengers");
        assertThat(csv.column("month", "data.time")).isZero();

        List<JsonLines.Line> jsonl = JsonLines.read(write("a.jsonl", BOM, utf8(EXAMPLE + "\n")), "train", EXAMPLE);
        assertThat(jsonl).singleElement().satisfies(l -> assertThat(l.object().has("x")).isTrue());

        assertThat(TextFiles.readAll(write("a.txt", BOM, utf8("It is\r\na truth")), "train")).isEqualTo("It is\na truth");

        // predict's input is read the same way
        assertThat(DataFiles.jsonLines(write("in.jsonl", BOM, utf8("{\"text\": \"hi\"}\n")), "--input", EXAMPLE))
                .singleElement().satisfies(l -> assertThat(l.object().get("text").asText()).isEqualTo("hi"));
    }

    @Test
    void aValueBeyondTheFloat32RangeIsRefusedInCsvAsInJsonLines() throws Exception {
        Path csv = write("big.csv", utf8("month,passengers\n1949-01,112\n1949-02,1e39\n"));
        CsvTable t = CsvTable.read(csv, "train");
        assertThat(t.number(0, 1, "data.target")).isEqualTo(112);
        assertThatThrownBy(() -> t.number(1, 1, "data.target")).isInstanceOf(Rnn4jException.class)
                .hasMessage("RNN4J-DATA-004: number out of range in " + csv + ", line 3, column 2 (passengers): found "
                        + "\"1e39\" (beyond the float32 range); expected a number within the float32 range "
                        + "(|x| <= 3.4e38), which rnn4j computes in. Fix: rescale the column (for example to thousands or "
                        + "millions), or use data.normalize.");
        // tiny values become 0, as in any float32 program: not an error
        CsvTable tiny = CsvTable.read(write("tiny.csv", utf8("a\n1e-50\n")), "train");
        assertThat(tiny.number(0, 0, "data.target")).isEqualTo(1e-50);
    }

    @Test
    void aKeyGivenTwiceInOneObjectIsRefusedWithItsLine() throws Exception {
        Path f = write("dup.jsonl", utf8(EXAMPLE + "\n{\"x\": [[1, 2]], \"y\": 0, \"y\": 1}\n"));
        assertThatThrownBy(() -> JsonLines.read(f, "train", EXAMPLE))
                .hasMessageStartingWith("RNN4J-DATA-006: bad JSON in " + f + ", line 2, column ")
                .hasMessageContaining("found the key \"y\" twice in one object (which value is meant cannot be known)");
    }

    @Test
    void bytesThatAreNotUtf8AreReportedWithTheirLineAndColumn() throws Exception {
        // "caf\xe9" in Latin-1 on line 3
        Path csv = write("latin1.csv", utf8("text,label\ngood,1\ncaf"), new byte[] {(byte) 0xE9}, utf8(",0\n"));
        assertThatThrownBy(() -> CsvTable.read(csv, "train"))
                .hasMessage("RNN4J-DATA-002: not UTF-8 text in " + csv + ", line 3, column 4: found the byte 0xE9, which "
                        + "is not UTF-8 (byte 22 of the file); expected UTF-8 text (a byte-order mark at the start is "
                        + "allowed). Fix: convert the file to UTF-8, for example: iconv -f latin1 -t utf-8 in.csv > out.csv.");
        Path jsonl = write("latin1.jsonl", utf8(EXAMPLE + "\r\n{\"text\": \"caf"), new byte[] {(byte) 0xE9}, utf8("\"}\n"));
        assertThatThrownBy(() -> JsonLines.read(jsonl, "train", EXAMPLE)).hasMessageContaining(", line 2, column 14:");
        Path txt = write("latin1.txt", utf8("a\rb\nc"), new byte[] {(byte) 0xFF});
        assertThatThrownBy(() -> TextFiles.readAll(txt, "train")).hasMessageContaining(", line 3, column 2:");
    }

    @Test
    void jsonErrorsNeverNameTheParsersOptionsOrClasses() throws Exception {
        String[] bad = {
            "{\"x\": [[NaN, 1]], \"y\": 1}",
            "{\"x\": [[1, 2]], \"y\": 1} {\"x\": 2}",
            "{\"x\": [[1, 2]], \"y\": 1",
            "{'x': [[1, 2]]}",
            "{\"x\": [[1, 2]], \"y\": Infinity}",
            "{\"text\": \"a\tb\"}",
            "{\"x\": [[1, 2]],}",
            "{\"x\": [[01, 2]]}",
            "{\"x\": abc}",
        };
        for (String line : bad) {
            Path f = write("bad.jsonl", utf8(line + "\n"));
            assertThatThrownBy(() -> JsonLines.read(f, "train", EXAMPLE)).as(line)
                    .hasMessageStartingWith("RNN4J-DATA-006: bad JSON in " + f + ", line 1")
                    .satisfies(e -> assertThat(e.getMessage()).as(line)
                            .doesNotContain("Feature", "com.fasterxml", "`", "[Source", "JsonNode", "CTRL-CHAR"));
        }
        Path nan = write("nan.jsonl", utf8("{\"x\": [[NaN, 1]], \"y\": 1}\n"));
        assertThatThrownBy(() -> JsonLines.read(nan, "train", EXAMPLE))
                .hasMessageContaining("found the non-finite number NaN, which JSON does not allow;");
        Path trailing = write("trailing.jsonl", utf8("{\"y\": 1} {\"y\": 2}\n"));
        assertThatThrownBy(() -> JsonLines.read(trailing, "train", EXAMPLE))
                .hasMessageContaining("found more text after the end of the JSON value;");
    }

    @Test
    void lineNumbersCountEveryKindOfLineEnding() {
        assertThat(DataText.lines("a\nb\r\nc\rd")).containsExactly("a", "b", "c", "d");
        assertThat(DataText.lines("a\n\nb\n")).containsExactly("a", "", "b");
        assertThat(DataText.lines("")).isEmpty();
    }

    /**
     * The streaming reader (predict's input) gives the lines of the whole-file reader, for every kind of line
     * ending, with line breaks, a CR-LF pair and multi-byte characters falling on its 64 KiB buffer's edges,
     * and a byte-order mark skipped; a bad byte beyond the first buffer is reported on its own line.
     */
    @Test
    void theStreamingReaderGivesTheLinesOfTheWholeFileAcrossItsBufferEdges() throws Exception {
        java.util.Random r = new java.util.Random(8);
        String[] pieces = {"a", "bc", "\u00e9", "\u20ac", "\uD83D\uDE00", "{\"text\": \"x\"}", "\n", "\r\n", "\r", ""};
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 3 * 65536) {
            sb.append(pieces[r.nextInt(pieces.length)]);
        }
        String text = sb.toString();
        Path f = write("long.jsonl", BOM, utf8(text));
        List<String> streamed = new java.util.ArrayList<>();
        try (DataFiles.Lines in = DataFiles.lines(f, "--input")) {
            for (String line; (line = in.next()) != null; ) {
                streamed.add(line);
                assertThat(in.number()).isEqualTo(streamed.size());
            }
        }
        assertThat(streamed).isEqualTo(DataText.lines(DataText.read(f, "--input")));
        // a CR at the very end of the first buffer and its LF at the start of the next are one line ending
        Path edge = write("edge.txt", utf8("x".repeat(65535) + "\r\nnext\n"));
        try (DataFiles.Lines in = DataFiles.lines(edge, "--input")) {
            assertThat(in.next()).hasSize(65535);
            assertThat(in.next()).isEqualTo("next");
            assertThat(in.next()).isNull();
        }
        Path bad = write("bad.jsonl", utf8("a\n".repeat(40000) + "caf"), new byte[] {(byte) 0xE9}, utf8("\n"));
        try (DataFiles.Lines in = DataFiles.lines(bad, "--input")) {
            assertThatThrownBy(() -> {
                while (in.next() != null) {
                    // read on to the bad line
                }
            }).hasMessageContaining(", line 40001, column 4:");
        }
    }
}
