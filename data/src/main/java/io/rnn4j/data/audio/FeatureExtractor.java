package io.rnn4j.data.audio;

/**
 * Kaldi-compatible log-mel filterbank and MFCC features (Povey et al., "The Kaldi Speech Recognition
 * Toolkit", 2011; {@code feature-fbank.cc}, {@code feature-mfcc.cc}, {@code mel-computations.cc}), as
 * {@code torchaudio.compliance.kaldi.fbank}/{@code mfcc} compute them with {@code dither=0},
 * {@code snip_edges=True}, {@code use_power=True}, {@code window_type='povey'}:
 *
 * <ol>
 *   <li>frames of {@code L = rate * frame_length} samples every {@code S = rate * frame_shift}; there are
 *       {@code 1 + (n - L) / S} of them (none if the audio is shorter than one window);</li>
 *   <li>per frame: subtract its mean (DC offset); pre-emphasis {@code x[i] -= k x[i-1]}
 *       ({@code x[0] -= k x[0]}); the Povey window {@code (0.5 - 0.5 cos(2 pi i / (L - 1)))^0.85}; zero
 *       padding to the FFT size {@code N}; the power spectrum {@code |X[f]|^2};</li>
 *   <li>mel filters: triangles equally spaced on {@code mel(f) = 1127 ln(1 + f / 700)} between
 *       {@code low_freq} and {@code high_freq}, over FFT bins {@code 0 .. N/2 - 1}; log-mel is
 *       {@code ln(max(energy, 1.19e-7))} (float epsilon);</li>
 *   <li>MFCC: the orthonormal DCT-II of the log-mel energies, the first {@code ceps} coefficients, times
 *       the lifter {@code 1 + (Q / 2) sin(pi k / Q)};</li>
 *   <li>optionally the per-utterance mean of every feature is subtracted ({@code subtract_mean}).</li>
 * </ol>
 * Samples are used as read ({@code [-1, 1)}; Kaldi reads 16-bit values unscaled, which shifts every
 * log-mel energy by {@code 2 ln 32768}, a constant the mean normalisation removes). Computed in double.
 * Immutable and thread-safe; the filterbank is built once per sample rate and cached.
 */
public final class FeatureExtractor {
    private static final double EPSILON = Math.ulp(1.0f); // 1.1920929e-07, Kaldi's and torchaudio's floor
    private final FeatureOptions options;
    private final java.util.concurrent.ConcurrentHashMap<Integer, double[][]> banks = new java.util.concurrent.ConcurrentHashMap<>();

    /** An extractor with these options. */
    public FeatureExtractor(FeatureOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    /** The options. */
    public FeatureOptions options() {
        return options;
    }

    /** Number of frames of {@code samples} samples at {@code rate} Hz. */
    public int frames(int samples, int rate) {
        int l = options.windowSamples(rate);
        int s = options.shiftSamples(rate);
        return samples < l ? 0 : 1 + (samples - l) / s;
    }

    /**
     * The features of {@code audio}, {@code [frames][dimension]}.
     *
     * @throws IllegalArgumentException if the window is shorter than 2 samples or longer than the FFT
     */
    public float[][] compute(Waveform audio) {
        int rate = audio.sampleRate();
        int l = options.windowSamples(rate);
        int shift = options.shiftSamples(rate);
        if (l < 2 || shift < 1) {
            throw new IllegalArgumentException("a " + options.frameLengthMs() + " ms window at " + rate + " Hz has " + l
                    + " samples; frames need at least 2 (raise frame_length_ms)");
        }
        int n = options.fftSize() > 0 ? options.fftSize() : Integer.highestOneBit(l - 1) << 1;
        if (n < l) {
            throw new IllegalArgumentException("fft_size " + n + " is smaller than the window of " + l + " samples at "
                    + rate + " Hz; use " + (Integer.highestOneBit(l - 1) << 1) + " or 0 (automatic)");
        }
        double[][] bank = banks.computeIfAbsent(rate, r -> melBank(r, n));
        double[] window = new double[l];
        for (int i = 0; i < l; i++) {
            window[i] = Math.pow(0.5 - 0.5 * Math.cos(2 * Math.PI * i / (l - 1)), 0.85);
        }
        float[] x = dithered(audio.samples());
        int frames = frames(x.length, rate);
        int dim = options.dimension();
        double[][] feats = new double[frames][];
        double[] re = new double[n];
        double[] im = new double[n];
        double[] power = new double[n / 2 + 1];
        for (int f = 0; f < frames; f++) {
            int start = f * shift;
            double mean = 0;
            for (int i = 0; i < l; i++) {
                mean += x[start + i];
            }
            mean /= l;
            java.util.Arrays.fill(re, 0);
            java.util.Arrays.fill(im, 0);
            for (int i = 0; i < l; i++) {
                re[i] = x[start + i] - mean;
            }
            double k = options.preemphasis();
            for (int i = l - 1; i > 0; i--) {
                re[i] -= k * re[i - 1];
            }
            re[0] -= k * re[0];
            for (int i = 0; i < l; i++) {
                re[i] *= window[i];
            }
            Fft.transform(re, im);
            for (int i = 0; i <= n / 2; i++) {
                power[i] = re[i] * re[i] + im[i] * im[i];
            }
            double[] logMel = new double[options.melBins()];
            for (int b = 0; b < logMel.length; b++) {
                double e = 0;
                double[] w = bank[b];
                for (int i = 0; i < w.length; i++) {
                    e += w[i] * power[i];
                }
                logMel[b] = Math.log(Math.max(e, EPSILON));
            }
            feats[f] = options.type() == FeatureType.MFCC ? mfcc(logMel) : logMel;
        }
        float[][] out = new float[frames][dim];
        double[] means = new double[dim];
        if (options.normalize() && frames > 0) {
            for (double[] row : feats) {
                for (int d = 0; d < dim; d++) {
                    means[d] += row[d];
                }
            }
            for (int d = 0; d < dim; d++) {
                means[d] /= frames;
            }
        }
        for (int f = 0; f < frames; f++) {
            for (int d = 0; d < dim; d++) {
                out[f][d] = (float) (feats[f][d] - means[d]);
            }
        }
        return out;
    }

    private double[] mfcc(double[] logMel) {
        int m = logMel.length;
        int ceps = options.ceps();
        double[] c = new double[ceps];
        double q = options.cepstralLifter();
        for (int k = 0; k < ceps; k++) {
            double scale = k == 0 ? Math.sqrt(1.0 / m) : Math.sqrt(2.0 / m);
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += logMel[j] * Math.cos(Math.PI / m * (j + 0.5) * k);
            }
            c[k] = s * scale * (q > 0 ? 1 + 0.5 * q * Math.sin(Math.PI * k / q) : 1);
        }
        return c;
    }

    /** Kaldi's triangular mel filters over FFT bins {@code 0 .. n/2} (the Nyquist bin's weight is 0). */
    private double[][] melBank(int rate, int n) {
        double nyquist = 0.5 * rate;
        double high = options.highFreq() <= 0 ? nyquist + options.highFreq() : options.highFreq();
        double low = options.lowFreq();
        if (!(low < high) || high > nyquist) {
            throw new IllegalArgumentException("mel filters need 0 <= low_freq < high_freq <= " + nyquist
                    + " Hz (half the sample rate " + rate + "), got " + low + " and " + high);
        }
        double lowMel = mel(low);
        double highMel = mel(high);
        int bins = options.melBins();
        double delta = (highMel - lowMel) / (bins + 1);
        double binWidth = (double) rate / n;
        double[][] bank = new double[bins][n / 2 + 1];
        for (int b = 0; b < bins; b++) {
            double left = lowMel + b * delta;
            double center = lowMel + (b + 1) * delta;
            double right = lowMel + (b + 2) * delta;
            for (int i = 0; i < n / 2; i++) {
                double m = mel(binWidth * i);
                if (m > left && m < right) {
                    bank[b][i] = m <= center ? (m - left) / (center - left) : (right - m) / (right - center);
                }
            }
        }
        return bank;
    }

    private static double mel(double hz) {
        return 1127.0 * Math.log(1 + hz / 700.0);
    }

    /**
     * The samples with {@link FeatureOptions#dither()} white noise added, drawn from a generator seeded by the
     * samples themselves (the same waveform always gets the same noise); the samples as they are without dither.
     */
    private float[] dithered(float[] samples) {
        double d = options.dither();
        if (d == 0) {
            return samples;
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(java.util.Arrays.hashCode(samples) * 0x9E3779B97F4A7C15L
                + samples.length);
        float[] out = samples.clone();
        for (int i = 0; i < out.length; i++) {
            // Box-Muller: a standard normal from two uniforms
            double u = 1 - r.nextDouble();
            double v = r.nextDouble();
            out[i] += (float) (d * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
        }
        return out;
    }
}
