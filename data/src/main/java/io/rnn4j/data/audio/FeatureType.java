package io.rnn4j.data.audio;

/** Which features {@link FeatureExtractor} computes. */
public enum FeatureType {
    /** Log mel filterbank energies (Kaldi {@code compute-fbank-feats}). */
    LOG_MEL,
    /** Mel-frequency cepstral coefficients (Kaldi {@code compute-mfcc-feats}). */
    MFCC
}
