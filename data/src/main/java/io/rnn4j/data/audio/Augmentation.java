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

    /** A perturbed copy of {@code w}. */
    public Waveform apply(Waveform w, RandomSource random) {
        if (isNone()) {
            return w;
        }
        float[] x = w.samples();
        if (speed > 0) {
            double factor = 1 + speed * (2 * random.nextDouble() - 1);
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
        if (gainDb > 0) {
            float g = (float) Math.pow(10, gainDb * (2 * random.nextDouble() - 1) / 20);
            for (int i = 0; i < x.length; i++) {
                x[i] *= g;
            }
        }
        if (shiftMs > 0) {
            int pad = (int) (random.nextDouble() * shiftMs / 1000 * w.sampleRate());
            float[] y = new float[x.length + pad];
            System.arraycopy(x, 0, y, pad, x.length);
            x = y;
        }
        if (noiseSnrDb > 0) {
            double power = 0;
            for (float v : x) {
                power += (double) v * v;
            }
            power /= Math.max(1, x.length);
            double snr = noiseSnrDb + 20 * random.nextDouble();
            double sigma = Math.sqrt(power / Math.pow(10, snr / 10));
            for (int i = 0; i < x.length; i++) {
                x[i] += (float) (sigma * random.nextGaussian());
            }
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(-1f, Math.min(1f, x[i]));
        }
        return new Waveform(x, w.sampleRate());
    }
}
