package io.rnn4j.data.audio;

/**
 * Mono audio: samples scaled to {@code [-1, 1)} (a 16-bit sample {@code s} is {@code s / 32768}, an
 * 8-bit one {@code (s - 128) / 128}) at a sample rate.
 *
 * @param samples    the samples (not copied: treat as read-only)
 * @param sampleRate samples per second
 */
public record Waveform(float[] samples, int sampleRate) {
    /** Validates. */
    public Waveform {
        java.util.Objects.requireNonNull(samples, "samples");
        if (sampleRate < 1) {
            throw new IllegalArgumentException("sample rate must be >= 1 Hz, was " + sampleRate);
        }
    }

    /** Duration in seconds. */
    public double seconds() {
        return (double) samples.length / sampleRate;
    }
}
