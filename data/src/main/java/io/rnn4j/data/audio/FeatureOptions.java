package io.rnn4j.data.audio;

/**
 * How {@link FeatureExtractor} turns audio into feature frames. The defaults are Kaldi's (and
 * {@code torchaudio.compliance.kaldi}'s) except that dithering is off (features are deterministic) and
 * the per-utterance mean is subtracted.
 *
 * @param type          log-mel filterbank or MFCC (default log-mel)
 * @param frameLengthMs analysis window in milliseconds (default 25)
 * @param frameShiftMs  hop between frames in milliseconds (default 10)
 * @param fftSize       FFT size, a power of two at least the window's samples; 0 for the next power of
 *                      two (default 0: 256 at 8 kHz, 512 at 16 kHz)
 * @param melBins       mel filters (default 23, Kaldi's)
 * @param ceps          MFCC coefficients kept, {@code <= melBins} (default 13; MFCC only)
 * @param lowFreq       lowest filter edge in Hz (default 20)
 * @param highFreq      highest filter edge in Hz; {@code <= 0} means the Nyquist frequency plus this
 *                      (default 0)
 * @param preemphasis   pre-emphasis coefficient {@code x[i] - k x[i-1]} (default 0.97)
 * @param cepstralLifter MFCC liftering coefficient, 0 for none (default 22)
 * @param normalize     subtract each feature's mean over the utterance (default true)
 * @param dither        standard deviation of white noise added to the samples (full scale 1) before framing,
 *                      seeded by the waveform itself so the same audio always gives the same features (default 0:
 *                      off; Kaldi's default dither of 1 on 16-bit samples is about 3e-5)
 */
public record FeatureOptions(FeatureType type, double frameLengthMs, double frameShiftMs, int fftSize, int melBins,
        int ceps, double lowFreq, double highFreq, double preemphasis, double cepstralLifter, boolean normalize,
        double dither) {

    /** Validates. */
    public FeatureOptions {
        java.util.Objects.requireNonNull(type, "type");
        if (!(frameLengthMs > 0) || !(frameShiftMs > 0)) {
            throw new IllegalArgumentException("frame length and shift must be > 0 ms, were " + frameLengthMs + " and "
                    + frameShiftMs);
        }
        if (fftSize < 0 || (fftSize > 0 && Integer.bitCount(fftSize) != 1)) {
            throw new IllegalArgumentException("fft_size must be a power of two (or 0 for automatic), was " + fftSize);
        }
        if (melBins < 1 || ceps < 1 || (type == FeatureType.MFCC && ceps > melBins)) {
            throw new IllegalArgumentException("mel_bins must be >= 1 and ceps in 1..mel_bins, were " + melBins + " and "
                    + ceps);
        }
        if (!(dither >= 0)) {
            throw new IllegalArgumentException("dither must be >= 0, was " + dither);
        }
        if (lowFreq < 0 || !(preemphasis >= 0 && preemphasis <= 1) || cepstralLifter < 0) {
            throw new IllegalArgumentException("low_freq must be >= 0, preemphasis in [0, 1] and cepstral_lifter >= 0");
        }
    }

    /** Kaldi's defaults, dither off, mean normalisation on. */
    public static FeatureOptions defaults(FeatureType type) {
        return new FeatureOptions(type, 25, 10, 0, 23, 13, 20, 0, 0.97, 22, true, 0);
    }

    /** Features per frame: {@code melBins} or {@code ceps}. */
    public int dimension() {
        return type == FeatureType.MFCC ? ceps : melBins;
    }

    /** Samples per window at {@code rate} Hz (Kaldi: {@code int(rate * ms / 1000)}). */
    public int windowSamples(int rate) {
        return (int) (rate * frameLengthMs / 1000);
    }

    /** Samples per hop at {@code rate} Hz. */
    public int shiftSamples(int rate) {
        return (int) (rate * frameShiftMs / 1000);
    }
}
