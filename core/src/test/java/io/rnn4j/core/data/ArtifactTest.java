package io.rnn4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArtifactTest {

    @Test
    void anArtifactIsAPlainFileNameWhoseBytesCannotBeChangedFromOutside() {
        byte[] b = {1, 2, 3};
        Artifact a = new Artifact("sample.mid", "a tune", b);
        b[0] = 9;
        a.content()[1] = 9;
        assertThat(a.content()).containsExactly(1, 2, 3);
        assertThat(a.size()).isEqualTo(3);
        assertThat(a).isEqualTo(new Artifact("sample.mid", "a tune", new byte[] {1, 2, 3}));
    }

    @Test
    void aNameWithAFolderOrThatLeavesTheOutputFolderIsRefused() {
        for (String bad : new String[] {"../model.rnn4j", "sub/x.mid", "a\\b", "..", ".", " ", "C:x", "a\nb"}) {
            assertThatThrownBy(() -> new Artifact(bad, "x", new byte[0])).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be a plain file name such as sample.mid");
        }
    }

    @Test
    void aReportHasNoArtifactsUnlessItSaysSo() {
        assertThat(TaskReport.none(io.rnn4j.core.train.Split.TEST).artifacts()).isEmpty();
    }
}
