package io.rnn4j.data.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Log-mel and MFCC features against {@code torchaudio.compliance.kaldi} (fixtures from
 * {@code tools/reference/audio_reference.py}): a synthetic chirp at 8 kHz 16-bit, tones at 16 kHz 8-bit and
 * a real recording (Asterisk's "five"). Tolerance: 2e-4 absolute plus 1e-4 relative (the features are
 * stored as float32; log energies of near-silent bins are the most sensitive).
 */
class FeatureExtractorTest {
    private static final Map<String, double[]> REF = load();

    private static Map<String, double[]> load() {
        Map<String, double[]> m = new HashMap<>();
        try (InputStream in = FeatureExtractorTest.class.getResourceAsStream("features.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] t = line.split(" ");
                double[] v = new double[t.length - 1];
                for (int i = 1; i < t.length; i++) {
                    v[i - 1] = Double.parseDouble(t[i]);
                }
                m.put(t[0], v);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    static Waveform wav(String name) throws IOException {
        try (InputStream in = FeatureExtractorTest.class.getResourceAsStream(name + ".wav")) {
            return WavReader.parse(in.readAllBytes(), name + ".wav");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "chirp_8k_16bit, fbank", "chirp_8k_16bit, fbank_mean", "chirp_8k_16bit, fbank_40", "chirp_8k_16bit, mfcc",
        "chirp_8k_16bit, mfcc_mean",
        "tone_16k_8bit, fbank", "tone_16k_8bit, fbank_mean", "tone_16k_8bit, fbank_40", "tone_16k_8bit, mfcc",
        "tone_16k_8bit, mfcc_mean",
        "digit_five_8k, fbank", "digit_five_8k, fbank_mean", "digit_five_8k, fbank_40", "digit_five_8k, mfcc",
        "digit_five_8k, mfcc_mean"})
    void featuresMatchTorchaudioKaldi(String file, String kind) throws IOException {
        FeatureType type = kind.startsWith("mfcc") ? FeatureType.MFCC : FeatureType.LOG_MEL;
        FeatureOptions o = new FeatureOptions(type, 25, 10, 0, kind.equals("fbank_40") ? 40 : 23, 13, 20, 0, 0.97, 22,
                kind.endsWith("_mean"), 0);
        float[][] actual = new FeatureExtractor(o).compute(wav(file));
        double[] shape = REF.get(file + "." + kind + ".shape");
        double[] expected = REF.get(file + "." + kind + ".values");
        assertThat(actual.length).isEqualTo((int) shape[0]);
        assertThat(actual[0].length).isEqualTo((int) shape[1]);
        int dims = (int) shape[1];
        for (int i = 0; i < expected.length; i++) {
            double a = actual[i / dims][i % dims];
            double tol = 2e-4 + 1e-4 * Math.abs(expected[i]);
            if (!(Math.abs(a - expected[i]) <= tol)) {
                fail("%s %s frame %d feature %d: %s but torchaudio gives %s", file, kind, i / dims, i % dims, a,
                        expected[i]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"chirp_8k_16bit, 8000, 10400", "tone_16k_8bit, 16000, 8000"})
    void wavFilesReadWithTheirRateAndLength(String file, int rate, int samples) throws IOException {
        Waveform w = wav(file);
        assertThat(w.sampleRate()).isEqualTo(rate);
        assertThat(w.samples()).hasSize(samples);
        assertThat(Path.of(file).toString()).isNotEmpty();
    }

    @org.junit.jupiter.api.Test
    void ditherIsSeededByTheWaveformAndBreaksExactSilenceOnly() {
        float[] x = new float[8000];
        for (int i = 4000; i < 8000; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        FeatureOptions plain = FeatureOptions.defaults(FeatureType.LOG_MEL);
        FeatureOptions dithered = new FeatureOptions(FeatureType.LOG_MEL, 25, 10, 0, 23, 13, 20, 0, 0.97, 22, false, 0.01);
        FeatureOptions unNormalised = new FeatureOptions(FeatureType.LOG_MEL, 25, 10, 0, 23, 13, 20, 0, 0.97, 22, false, 0);
        float[][] a = new FeatureExtractor(dithered).compute(new Waveform(x.clone(), 8000));
        float[][] b = new FeatureExtractor(dithered).compute(new Waveform(x.clone(), 8000));
        float[][] none = new FeatureExtractor(unNormalised).compute(new Waveform(x.clone(), 8000));
        assertThat(a).as("the same waveform, the same features").isDeepEqualTo(b);
        assertThat(new FeatureExtractor(plain).compute(new Waveform(x.clone(), 8000)))
                .as("dither 0 leaves the samples as they are").hasSameDimensionsAs(a);
        // the silent first half: log energies from the noise floor instead of Kaldi's epsilon floor
        int silent = 10;
        int tone = a.length - 10;
        double raised = 0;
        double moved = 0;
        for (int k = 0; k < a[0].length; k++) {
            raised = Math.max(raised, a[silent][k] - none[silent][k]);
            moved = Math.max(moved, Math.abs(a[tone][k] - none[tone][k]));
        }
        assertThat(raised).as("silence rises above the floor").isGreaterThan(5);
        // at the tone's peak bins the noise is 30+ dB down: the loud frame barely moves where it has energy
        int peak = 0;
        for (int k = 1; k < a[0].length; k++) {
            peak = none[tone][k] > none[tone][peak] ? k : peak;
        }
        assertThat((double) Math.abs(a[tone][peak] - none[tone][peak])).as("the tone's strongest bin").isLessThan(0.01);
        assertThat(moved).as("something in the loud frame changes (quiet bins)").isGreaterThan(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FeatureOptions(FeatureType.LOG_MEL, 25, 10, 0, 23, 13,
                20, 0, 0.97, 22, false, -1)).hasMessageContaining("dither must be >= 0");
    }
}
