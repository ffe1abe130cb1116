package io.rnn4j.data.tunes;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.data.Artifact;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated tune handed back to listen to: found through a {@code PATH} that holds a fake
 * {@code abc2midi} (a shell script that writes a known MIDI file, and reports an error for tunes with
 * {@code #} in them, as the real tool does for an unknown character), and the note without the tool.
 */
class TuneSampleTest {
    private static final String FAKE = """
            #!/bin/sh
            # fake abc2midi: abc2midi IN -o OUT
            if grep -q '#' "$1"; then echo "Error in line-char 7-3 : Unrecognized character: #"; fi
            printf 'MThd-fake' > "$3"
            echo "writing MIDI file $3"
            """;

    private static List<AbcTune> tunes() {
        return AbcTune.parse("X:1\nT:a\nR:reel\nM:C|\nL:1/8\nK:D\n#ABc dedB|\n\nX:2\nT:b\nR:jig\nM:6/8\nL:1/8\nK:G\n"
                + "DGG GAB|c2A BGE|\n", "two.abc");
    }

    private static String fakeOnPath(Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path tool = bin.resolve("abc2midi");
        Files.writeString(tool, FAKE, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir.resolve("empty") + File.pathSeparator + bin;
    }

    @Test
    void abc2midiIsFoundOnTheGivenPathOnlyWhereItIsAnExecutableFile(@TempDir Path dir) throws Exception {
        String path = fakeOnPath(dir);
        assertThat(Abc2Midi.find(path)).map(Object::toString).contains(dir.resolve("bin/abc2midi").toString());
        assertThat(Abc2Midi.find(dir.resolve("empty").toString())).isEmpty();
        assertThat(Abc2Midi.find(null)).isEmpty();
        Files.setPosixFilePermissions(dir.resolve("bin/abc2midi"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Abc2Midi.find(path)).as("not executable").isEmpty();
    }

    @Test
    void withAbc2midiTheFirstTuneItParsesIsWrittenAsAbcAndMidi(@TempDir Path dir) throws Exception {
        List<AbcTune> tunes = tunes();
        TuneSample s = TuneSample.render(tunes, Abc2Midi.find(fakeOnPath(dir)));
        assertThat(s.midi()).isEqualTo("sample.mid");
        assertThat(s.tune()).isEqualTo(tunes.get(1).toAbc()).contains("DGG GAB");
        assertThat(s.files()).extracting(Artifact::file).containsExactly("sample.abc", "sample.mid");
        assertThat(new String(s.files().get(0).content(), StandardCharsets.UTF_8)).isEqualTo(tunes.get(1).toAbc());
        assertThat(new String(s.files().get(1).content(), StandardCharsets.UTF_8)).isEqualTo("MThd-fake");
        assertThat(s.files().get(1).description()).startsWith("generated tune 2 of 2, the first that abc2midi parses");
    }

    @Test
    void whenAbc2midiParsesNoneTheAbcIsWrittenAndTheNoteSaysWhy(@TempDir Path dir) throws Exception {
        List<AbcTune> bad = tunes().subList(0, 1);
        TuneSample s = TuneSample.render(bad, Abc2Midi.find(fakeOnPath(dir)));
        assertThat(s.midi()).isEqualTo("not written: abc2midi parsed none of the 1 generated tunes without errors; "
                + "sample.abc holds the first");
        assertThat(s.files()).extracting(Artifact::file).containsExactly("sample.abc");
    }

    @Test
    void withoutAbc2midiOnlyTheAbcIsWrittenAndTheNoteSaysHowToInstallIt() {
        List<AbcTune> tunes = tunes();
        TuneSample s = TuneSample.render(tunes, Optional.empty());
        assertThat(s.midi()).isEqualTo("not written: abc2midi is not installed (apt-get install abcmidi); sample.abc "
                + "holds the tune");
        assertThat(s.tune()).isEqualTo(tunes.get(0).toAbc());
        assertThat(s.files()).extracting(Artifact::file).containsExactly("sample.abc");
        assertThat(TuneSample.render(List.of(), Optional.empty()).files()).isEmpty();
    }

    @Test
    void theRealAbc2midiRendersAGeneratedTuneWhenInstalled() {
        Optional<Abc2Midi> tool = Abc2Midi.find();
        // Debian's abcmidi; CI machines may not have it (the fake covers the logic): skipped, not passed, there
        org.junit.jupiter.api.Assumptions.assumeTrue(tool.isPresent(), "abc2midi is not installed");
        TuneSample s = TuneSample.render(tunes(), tool);
        assertThat(s.midi()).isEqualTo("sample.mid");
        byte[] midi = s.files().get(1).content();
        assertThat(new String(midi, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("MThd"); // a standard MIDI file
    }
}
