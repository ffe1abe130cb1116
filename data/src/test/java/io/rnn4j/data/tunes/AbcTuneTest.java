package io.rnn4j.data.tunes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Rnn4jException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AbcTuneTest {
    private static final String TWO = """
            %abc-2.1
            X:1
            T:The Kesh
            T:The Castle Jig
            R:Double Jig
            M: 6/8
            L:1/8
            Z:someone
            K:G Major
            |:GAG GAB|ABA ABd|
            edd gdd|edB dBA:|

            X:2
            T:Drowsy Maggie
            R:REEL
            M:C|
            K:Edor
            |:E2BE dEBE|E2BE AFDF:|
            """;

    @Test
    void headerFieldsAreReadAndNormalised() {
        List<AbcTune> tunes = AbcTune.parse(TWO, "two.abc");
        assertThat(tunes).hasSize(2);
        AbcTune kesh = tunes.get(0);
        assertThat(kesh.number()).isEqualTo(1);
        assertThat(kesh.title()).isEqualTo("The Kesh");
        assertThat(kesh.rhythm()).isEqualTo(Rhythm.JIG);
        assertThat(kesh.meter()).isEqualTo(new Meter("6/8", 6, 8));
        assertThat(kesh.unit()).isEqualTo(Fraction.of(1, 8));
        assertThat(kesh.key()).isEqualTo("G");
        assertThat(kesh.body()).isEqualTo("|:GAG GAB|ABA ABd|\nedd gdd|edB dBA:|");
        assertThat(kesh.line()).isEqualTo(2);
        AbcTune maggie = tunes.get(1);
        assertThat(maggie.rhythm()).isEqualTo(Rhythm.REEL);
        assertThat(maggie.meter().barLength()).isEqualTo(Fraction.ONE);
        assertThat(maggie.unit()).as("no L: and a meter >= 3/4: ABC's default 1/8").isEqualTo(Fraction.of(1, 8));
        assertThat(maggie.key()).isEqualTo("Edor");
        assertThat(maggie.toAbc()).isEqualTo("X:2\nT:Drowsy Maggie\nR:reel\nM:C|\nL:1/8\nK:Edor\n|:E2BE dEBE|E2BE AFDF:|\n");
        assertThat(BarChecker.check(kesh).conforms()).isTrue();
    }

    @Test
    void keysAndRhythmsNormalise() {
        assertThat(AbcTune.normaliseKey("AMix")).isEqualTo("Amix");
        assertThat(AbcTune.normaliseKey("f#m")).isEqualTo("F#m");
        assertThat(AbcTune.normaliseKey("Bb minor")).isEqualTo("Bbm");
        assertThat(AbcTune.normaliseKey("D Aeolian")).isEqualTo("Dm");
        assertThat(AbcTune.normaliseKey("Bn")).isNull();
        assertThat(Rhythm.normalise("Slip-Jig")).isEqualTo(Rhythm.SLIP_JIG);
        assertThat(Rhythm.normalise("slipjig")).isEqualTo(Rhythm.SLIP_JIG);
        assertThat(Rhythm.normalise("waltz")).isEqualTo(Rhythm.OTHER);
        assertThat(Rhythm.normalise(null)).isEqualTo(Rhythm.OTHER);
        assertThat(Meter.parse("2/4").defaultUnit()).isEqualTo(Fraction.of(1, 16));
    }

    @Test
    void badTunesAreLocatedErrors() {
        assertThatThrownBy(() -> AbcTune.parse("X:1\nT:a\nM:6/8\nGAG GAB|\n", "f.abc"))
                .isInstanceOf(Rnn4jException.class)
                .hasMessage("RNN4J-DATA-141: bad ABC tune in f.abc, line 4: found \"GAG GAB|\"; expected a header field "
                        + "such as \"M:6/8\" (the header ends at K:). Fix: give the tune a K: field before its first line of music.");
        assertThatThrownBy(() -> AbcTune.parse("X:1\nT:a\nK:G\nGAG GAB|\n", "f.abc"))
                .hasMessage("RNN4J-DATA-141: bad ABC tune in f.abc, line 1: found a tune without an M: field; expected an "
                        + "M: field (the meter) in the header. Fix: add a line such as \"M:6/8\" before K:.");
        assertThatThrownBy(() -> AbcTune.parse("X:1\nM:7/5\nK:G\nGAG|\n", "f.abc"))
                .hasMessageStartingWith("RNN4J-DATA-141: bad ABC tune in f.abc, line 2: found M:7/5; expected a meter");
        assertThatThrownBy(() -> AbcTune.parse("X:1\nM:6/8\nK:H\nGAG|\n", "f.abc"))
                .hasMessageStartingWith("RNN4J-DATA-141: bad ABC tune in f.abc, line 3: found K:H; expected a key");
        assertThatThrownBy(() -> AbcTune.parse("X:1\nM:6/8\nK:G\n\nX:2\n", "f.abc"))
                .hasMessageStartingWith("RNN4J-DATA-141: bad ABC tune in f.abc, line 1: found a tune with no music after K:");
        assertThatThrownBy(() -> AbcTune.parse("hello\nX:1\n", "f.abc"))
                .hasMessageStartingWith("RNN4J-DATA-141: bad ABC tune in f.abc, line 1: found \"hello\"; expected an X: line");
        assertThatThrownBy(() -> AbcTune.parse("% only a comment\n", "f.abc"))
                .hasMessageStartingWith("RNN4J-DATA-011: no tunes in f.abc");
        assertThatThrownBy(() -> AbcTune.read(Path.of("no/such.abc"), "data.train"))
                .hasMessageStartingWith("RNN4J-DATA-001");
    }

    @Test
    void charFrequencyBodiesHaveTheTrainingAlphabetAndTheStandInsLength() {
        List<AbcTune> tunes = AbcTune.parse(TWO, "two.abc");
        CharFrequencyBaseline base = new CharFrequencyBaseline(tunes);
        AbcTune standIn = base.standIn(tunes.get(0), new RandomSource(7));
        assertThat(standIn.body()).matches("[|:GABdegEFD2 \\n]+");
        assertThat(standIn.body().length()).isBetween(30, tunes.get(0).body().length());
        assertThat(standIn.body()).doesNotContain("\n\n");
        assertThat(standIn.meter()).isEqualTo(tunes.get(0).meter());
    }

    @Test
    void abc2midiOutputIsReadAsErrorsAndWarnings() {
        Abc2Midi.Result r = Abc2Midi.parseOutput("4.84 January 20 2023 abc2midi\nError in line-char 6-13 : Unrecognized "
                + "character: #\nwriting MIDI file bad.mid\nWarning in line-char 6-15 : Track 0 Bar 1 has 5 time units\n", true);
        assertThat(r.errors()).containsExactly("Error in line-char 6-13 : Unrecognized character: #");
        assertThat(r.warnings()).hasSize(1);
        assertThat(r.parsed()).isFalse();
        assertThat(Abc2Midi.parseOutput("writing MIDI file ok.mid\n", true).parsed()).isTrue();
        assertThat(Abc2Midi.parseOutput("", false).parsed()).as("no MIDI file written").isFalse();
    }

    @Test
    void theJudgeCountsMeteredTunesAndAbc2midiParsesWhenInstalled(@TempDir Path dir) throws Exception {
        List<AbcTune> tunes = AbcTune.parse(TWO + "\nX:3\nM:6/8\nK:D\nDGG GABc|c2A BGE|[[[ ((( z2 |]\n", "three.abc");
        TuneJudge.Verdict noTool = new TuneJudge(Optional.empty()).judge(tunes, null);
        assertThat(noTool).isEqualTo(new TuneJudge.Verdict(3, -1, 2));
        assertThat(noTool.parsedShare()).isNaN();
        Optional<Abc2Midi> tool = Abc2Midi.find();
        if (tool.isPresent()) { // Debian's abcmidi; CI machines may not have it
            TuneJudge.Verdict v = new TuneJudge(tool).judge(tunes, dir);
            assertThat(v).isEqualTo(new TuneJudge.Verdict(3, 2, 2));
            assertThat(Files.size(dir.resolve("tune-0.mid"))).isPositive();
        }
    }
}
