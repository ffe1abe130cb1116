package io.rnn4j.data.audio;

import io.rnn4j.core.RandomSource;

/**
 * SpecAugment-style masking of training features (Park et al. 2019, "SpecAugment: A Simple Data
 * Augmentation Method for Automatic Speech Recognition", without time warping): {@code freqMasks} bands of
 * {@code 0..maxBins} adjacent feature columns and {@code timeMasks} runs of {@code 0..maxFrames} adjacent
 * frames (each run at most a fifth of the utterance) are set to 0, which is each feature's utterance mean
 * when the features are mean-normalised. Widths and places are uniform; a band of width 0 masks nothing.
 * Masks may overlap. Drawn from a seed, so a seeded run masks the same way every time.
 *
 * @param timeMasks runs of frames masked, {@code >= 0}
 * @param maxFrames widest run in frames, {@code >= 0}
 * @param freqMasks bands of features masked, {@code >= 0}
 * @param maxBins   widest band in features, {@code >= 0}
 */
public record FeatureMasking(int timeMasks, int maxFrames, int freqMasks, int maxBins) {
    /** No masking. */
    public static final FeatureMasking NONE = new FeatureMasking(0, 0, 0, 0);

    /** Validates. */
    public FeatureMasking {
        if (timeMasks < 0 || maxFrames < 0 || freqMasks < 0 || maxBins < 0) {
            throw new IllegalArgumentException("feature masking: time_masks, the time mask width, freq_masks and "
                    + "freq_mask_bins must be >= 0; were " + timeMasks + ", " + maxFrames + ", " + freqMasks + ", "
                    + maxBins);
        }
    }

    /** Whether this changes anything. */
    public boolean isNone() {
        return (timeMasks == 0 || maxFrames == 0) && (freqMasks == 0 || maxBins == 0);
    }

    /**
     * A masked copy of {@code features} ({@code [frames][features]}); the input is not changed.
     *
     * @param seed the seed of this utterance's masks
     */
    public float[][] apply(float[][] features, long seed) {
        float[][] out = new float[features.length][];
        for (int t = 0; t < features.length; t++) {
            out[t] = features[t].clone();
        }
        if (isNone() || features.length == 0) {
            return out;
        }
        int frames = features.length;
        int dims = features[0].length;
        RandomSource random = new RandomSource(seed);
        for (int m = 0; m < freqMasks; m++) {
            int width = random.nextInt(Math.min(maxBins, dims) + 1);
            int start = random.nextInt(dims - width + 1);
            for (float[] row : out) {
                for (int c = start; c < start + width; c++) {
                    row[c] = 0f;
                }
            }
        }
        int widest = Math.min(maxFrames, frames / 5);
        for (int m = 0; m < timeMasks; m++) {
            int width = random.nextInt(widest + 1);
            int start = random.nextInt(frames - width + 1);
            for (int t = start; t < start + width; t++) {
                java.util.Arrays.fill(out[t], 0f);
            }
        }
        return out;
    }
}
