package io.rnn4j.data.audio;

import io.rnn4j.core.RandomSource;

/**
 * Random perturbations of training audio, applied in this order, each drawn from the given
 * {@link RandomSource} (so a seeded run perturbs the same way every time):
 * <ol>
 *   <li>speed: resampling by a factor drawn uniformly from {@code [1 - speed, 1 + speed]} (linear
 *       interpolation; faster audio is shorter and higher, as a tape played faster);</li>
 *   <li>gain: a factor of {@code 10^(g / 20)} with {@code g} uniform in {@code [-gainDb, gainDb]} decibels;</li>
 *   <li>time shift: up to {@code shiftMs} milliseconds of silence put before the audio (uniform);</li>
 *   <li>noise: white Gaussian noise at a signal-to-noise ratio drawn uniformly from
 *       {@code [noiseSnrDb, noiseSnrDb + 20]} decibels.</li>
 * </ol>
 * A zero disables each ({@link #NONE} disables all). Samples are clipped to {@code [-1, 1]}.
 *
 * @param speed      largest relative speed change, in {@code [0, 0.5]}
 * @param gainDb     largest gain change in decibels, {@code >= 0}
 * @param shiftMs    longest silence put before the audio in milliseconds, {@code >= 0}
 * @param noiseSnrDb lowest signal-to-noise ratio of added noise in decibels, or 0 for no noise
 */
public record Augmentation(double speed, double gainDb, double shiftMs, double noiseSnrDb) {
    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(0, 0, 0, 0);

    /** Validates. */
    public Augmentation {
        if (!(speed >= 0 && speed <= 0.5) || !(gainDb >= 0) || !(shiftMs >= 0) || !(noiseSnrDb >= 0)) {
            throw new IllegalArgumentException("augmentation: speed must be in [0, 0.5] and gain_db, shift_ms and "
                    + "noise_snr_db >= 0; were " + speed + ", " + gainDb + ", " + shiftMs + ", " + noiseSnrDb);
        }
    }

    /** Whether this changes anything. */
    public boolean isNone() {
        return speed == 0 && gainDb == 0 && shiftMs == 0 && noiseSnrDb == 0;
    }

    /**
     * The random choices of one perturbation, drawn before the audio is touched, so that the perturbed
     * length is known ({@link #samples}) before the features are computed.
     *
     * @param factor    the speed factor (1: unchanged)
     * @param gain      the gain factor (1: unchanged)
     * @param pad       samples of silence put before the audio
     * @param snrDb     the signal-to-noise ratio of the added noise in dB, or {@code NaN} for none
     * @param noiseSeed the seed of the noise samples
     */
    public record Draw(double factor, float gain, int pad, double snrDb, long noiseSeed) {
    }

    /**
     * Draws one perturbation's choices from {@code random}, in the order speed, gain, shift, noise (a draw
     * is taken only for an enabled perturbation).
     */
    public Draw draw(int sampleRate, RandomSource random) {
        double factor = speed > 0 ? 1 + speed * (2 * random.nextDouble() - 1) : 1;
        float gain = gainDb > 0 ? (float) Math.pow(10, gainDb * (2 * random.nextDouble() - 1) / 20) : 1f;
        int pad = shiftMs > 0 ? (int) (random.nextDouble() * shiftMs / 1000 * sampleRate) : 0;
        double snr = noiseSnrDb > 0 ? noiseSnrDb + 20 * random.nextDouble() : Double.NaN;
        long noiseSeed = noiseSnrDb > 0 ? random.nextLong() : 0;
        return new Draw(factor, gain, pad, snr, noiseSeed);
    }

    /** The length, in samples, of {@code n} samples perturbed by {@code d}. */
    public static int samples(int n, Draw d) {
        int m = d.factor() == 1 ? n : Math.max(1, (int) Math.floor((n - 1) / d.factor()) + 1);
        return m + d.pad();
    }

    /** A perturbed copy of {@code w}: {@link #apply(Waveform, Draw)} of a {@link #draw}. */
    public Waveform apply(Waveform w, RandomSource random) {
        if (isNone()) {
            return w;
        }
        return apply(w, draw(w.sampleRate(), random));
    }

    /** A copy of {@code w} perturbed by the choices {@code d}; {@link #samples} samples long. */
    public static Waveform apply(Waveform w, Draw d) {
        float[] x = w.samples();
        if (d.factor() != 1) {
            double factor = d.factor();
            int n = Math.max(1, (int) Math.floor((x.length - 1) / factor) + 1);
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                double p = i * factor;
                int j = (int) p;
                double frac = p - j;
                y[i] = j + 1 < x.length ? (float) (x[j] * (1 - frac) + x[j + 1] * frac) : x[Math.min(j, x.length - 1)];
            }
            x = y;
        } else {
            x = x.clone();
        }
        if (d.gain() != 1f) {
            for (int i = 0; i < x.length; i++) {
                x[i] *= d.gain();
            }
        }
        if (d.pad() > 0) {
            float[] y = new float[x.length + d.pad()];
            System.arraycopy(x, 0, y, d.pad(), x.length);
            x = y;
        }
        if (!Double.isNaN(d.snrDb())) {
            double power = 0;
            for (float v : x) {
                power += (double) v * v;
            }
            power /= Math.max(1, x.length);
            double sigma = Math.sqrt(power / Math.pow(10, d.snrDb() / 10));
            RandomSource noise = new RandomSource(d.noiseSeed());
            for (int i = 0; i < x.length; i++) {
                x[i] += (float) (sigma * noise.nextGaussian());
            }
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(-1f, Math.min(1f, x[i]));
        }
        return new Waveform(x, w.sampleRate());
    }
}
