package io.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelSetTest {

    @Test
    void sortsTextLabelsAlphabeticallyAndNumericLabelsNumerically() {
        assertThat(LabelSet.fromObserved(List.of("other", "great", "other")).labels()).containsExactly("great", "other");
        assertThat(LabelSet.fromObserved(List.of("10", "2", "-1", "2.5")).labels()).containsExactly("-1", "2", "2.5", "10");
        assertThat(LabelSet.fromObserved(List.of("10", "2", "b")).labels()).containsExactly("10", "2", "b");
    }

    @Test
    void mapsLabelsToIndices() {
        LabelSet l = LabelSet.of(List.of("neg", "pos"));
        assertThat(l.index("pos")).isEqualTo(1);
        assertThat(l.index("neutral")).isEqualTo(-1);
        assertThat(l.label(0)).isEqualTo("neg");
        assertThat(LabelSet.indices(3).labels()).containsExactly("0", "1", "2");
    }

    @Test
    void roundTripsThroughJson(@TempDir Path dir) throws Exception {
        LabelSet l = LabelSet.of(List.of("great", "other"));
        assertThat(l.toJson()).isEqualTo("{\n  \"format\" : \"rnn4j-labels\",\n  \"version\" : 1,\n  \"labels\" : [ \"great\", \"other\" ]\n}\n");
        l.write(dir.resolve("labels.json"));
        assertThat(LabelSet.read(dir.resolve("labels.json"))).isEqualTo(l);
    }

    @Test
    void rejectsDuplicateLabelsInAFile() {
        assertThatThrownBy(() -> LabelSet.fromJson("{\"format\":\"rnn4j-labels\",\"version\":1,\"labels\":[\"a\",\"a\"]}", "l.json"))
                .hasMessage("RNN4J-DATA-015: unreadable label list in l.json: found the label \"a\" twice; "
                        + "expected a JSON object with \"format\": \"rnn4j-labels\" and \"version\": 1. "
                        + "Fix: write it with rnn4j's own writer, or take it from the model archive it came with.");
    }

    @Test
    void aMissingMetadataFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> LabelSet.read(dir.resolve("nope.json")))
                .hasMessage("RNN4J-DATA-001: label list file not found in " + dir.resolve("nope.json") + ". Fix: check the path.");
    }
}
