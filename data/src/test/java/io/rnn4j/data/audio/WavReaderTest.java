package io.rnn4j.data.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.RandomSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WAV parsing, refusals with the file named, and seeded augmentation. */
class WavReaderTest {

    /** A WAV header and data for the given format fields. */
    private static byte[] wav(int format, int channels, int rate, int bits, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + data.length).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) format).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        b.putInt(0x61746164).putInt(data.length).put(data);
        return b.array();
    }

    @Test
    void sixteenAndEightBitSamplesAreScaledToPlusMinusOne() throws Exception {
        Waveform w16 = WavReader.parse(wav(1, 1, 8000, 16, new byte[] {0, (byte) 0x80, (byte) 0xff, 0x7f, 0, 0x40}), "a");
        assertThat(w16.samples()).containsExactly(-1f, 32767 / 32768f, 0.5f);
        Waveform w8 = WavReader.parse(wav(1, 1, 16000, 8, new byte[] {0, (byte) 128, (byte) 192}), "b");
        assertThat(w8.samples()).containsExactly(-1f, 0f, 0.5f);
        assertThat(w8.sampleRate()).isEqualTo(16000);
    }

    @Test
    void writtenPcm16ReadsBack() throws Exception {
        Waveform w = new Waveform(new float[] {0.25f, -0.5f, 0f}, 8000);
        assertThat(WavReader.parse(WavReader.pcm16(w), "x").samples()).containsExactly(0.25f, -0.5f, 0f);
    }

    @Test
    void unsupportedFilesAreRefusedWithWhatTheyHoldAndHowToConvert(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> WavReader.parse(wav(1, 2, 8000, 16, new byte[4]), "stereo.wav"))
                .hasMessage("stereo.wav: 2 channels, but audio must be mono; mix it down, e.g. 'sox in.wav -c 1 out.wav'");
        assertThatThrownBy(() -> WavReader.parse(wav(1, 1, 8000, 24, new byte[6]), "deep.wav"))
                .hasMessageContaining("deep.wav: 24-bit samples are not supported; only 8-bit and 16-bit PCM are");
        assertThatThrownBy(() -> WavReader.parse(wav(7, 1, 8000, 8, new byte[4]), "ulaw.wav"))
                .hasMessageContaining("ulaw.wav: sample format mu-law (tag 7) is not supported");
        assertThatThrownBy(() -> WavReader.parse("hello".getBytes(), "text.wav"))
                .hasMessage("text.wav: not a WAV file (no RIFF/WAVE header); give PCM WAV files");
        assertThatThrownBy(() -> WavReader.read(dir.resolve("missing.wav")))
                .hasMessage(dir.resolve("missing.wav") + ": no such WAV file");
        Path empty = Files.write(dir.resolve("empty.wav"), new byte[0]);
        assertThatThrownBy(() -> WavReader.read(empty)).hasMessageContaining("empty.wav: not a WAV file");
    }

    @Test
    void augmentationIsSeededAndChangesTheAudio() {
        float[] x = new float[8000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(i * 0.05));
        }
        Waveform w = new Waveform(x, 8000);
        Augmentation a = new Augmentation(0.1, 6, 100, 20);
        Waveform one = a.apply(w, new RandomSource(3));
        Waveform again = a.apply(w, new RandomSource(3));
        Waveform other = a.apply(w, new RandomSource(4));
        assertThat(one.samples()).containsExactly(again.samples());
        assertThat(one.samples()).isNotEqualTo(other.samples());
        assertThat(one.samples().length).isBetween((int) (8000 / 1.1) - 1, (int) (8000 / 0.9) + 801);
        assertThat(Augmentation.NONE.apply(w, new RandomSource(1))).isSameAs(w);
        assertThat(x[100]).isEqualTo((float) (0.3 * Math.sin(100 * 0.05))); // the input is not touched
    }

    @Test
    void speedUpShortensByTheFactor() {
        Waveform w = new Waveform(new float[1000], 8000);
        // speed 0.5 draws a factor in [0.5, 1.5]: the length is (n - 1) / factor + 1
        for (int seed = 0; seed < 5; seed++) {
            int n = new Augmentation(0.5, 0, 0, 0).apply(w, new RandomSource(seed)).samples().length;
            assertThat(n).isBetween(666, 1999);
        }
    }
}
