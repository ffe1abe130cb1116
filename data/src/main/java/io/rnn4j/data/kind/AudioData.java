package io.rnn4j.data.kind;

import io.rnn4j.core.spec.DataSpec;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spec.Required;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spec.Variant;
import io.rnn4j.data.audio.FeatureType;

/**
 * {@code type: audio}: a list of {@code file, text} pairs (CSV, or JSON Lines) with PCM WAV files; features
 * computed in Java ({@link io.rnn4j.data.audio.FeatureExtractor}); optional seeded augmentation of the
 * training audio.
 *
 * @param train          the list file
 * @param validation     validation split
 * @param test           test split
 * @param sampleRate     the sample rate every file must have
 * @param features       log_mel or mfcc
 * @param melBins        mel filters
 * @param ceps           MFCC coefficients
 * @param frameLengthMs  window
 * @param frameShiftMs   hop
 * @param fftSize        FFT size (0: the next power of two)
 * @param preemphasis    pre-emphasis coefficient
 * @param normalize      per-utterance mean normalisation
 * @param tokens         characters or words
 * @param speed          augmentation: largest relative speed change
 * @param gainDb         augmentation: largest gain change in dB
 * @param shiftMs        augmentation: longest silence put before the audio
 * @param noiseSnrDb     augmentation: lowest SNR of added white noise in dB (0: none)
 * @param dither         white noise added to every waveform (0: none)
 * @param timeMasks      augmentation of the features: runs of frames masked (SpecAugment)
 * @param timeMaskMs     widest masked run in milliseconds
 * @param freqMasks      augmentation of the features: bands of features masked
 * @param freqMaskBins   widest masked band in features
 */
@Variant("audio")
@Doc("Speech: a CSV or JSON Lines list of file, text pairs with PCM WAV files (8/16-bit mono); log-mel or MFCC "
        + "features computed in Java; seeded augmentation of the training audio.")
public record AudioData(
        @Doc("The list file: CSV with file and text columns, or JSON Lines {\"file\": ..., \"text\": ...}; paths are "
                + "relative to the list file.") @Required String train,
        @Doc("Validation split: a fraction of the training file or a file.") @Default("0.1") SplitSource validation,
        @Doc("Test split: a fraction of the training file or a file.") SplitSource test,
        @Doc("The sample rate every WAV file must have, in Hz.") @Default("8000") @Range(min = 1000) int sampleRate,
        @Doc("Features per frame: log_mel (log mel filterbank energies) or mfcc.") @Default("log_mel") FeatureType features,
        @Doc("Mel filters.") @Default("23") @Range(min = 1) int melBins,
        @Doc("MFCC coefficients kept (mfcc only).") @Default("13") @Range(min = 1) int ceps,
        @Doc("Analysis window in milliseconds.") @Default("25.0") @Range(min = 1) double frameLengthMs,
        @Doc("Hop between frames in milliseconds.") @Default("10.0") @Range(min = 1) double frameShiftMs,
        @Doc("FFT size, a power of two at least the window; 0 for the next power of two.") @Default("0") @Range(min = 0)
        int fftSize,
        @Doc("Pre-emphasis coefficient.") @Default("0.97") @Range(min = 0, max = 1) double preemphasis,
        @Doc("Subtract each feature's mean over the utterance.") @Default("true") boolean normalize,
        @Doc("How a transcript is cut into labels: characters or words.") @Default("characters") TokenUnit tokens,
        @Doc("Augmentation of training audio: largest relative speed change (0.1 = 0.9x to 1.1x).") @Default("0.0")
        @Range(min = 0, max = 0.5) double speed,
        @Doc("Augmentation: largest gain change in decibels.") @Default("0.0") @Range(min = 0) double gainDb,
        @Doc("Augmentation: longest silence put before the audio, in milliseconds.") @Default("0.0") @Range(min = 0)
        double shiftMs,
        @Doc("Augmentation: lowest signal-to-noise ratio of added white noise in decibels (0: no noise).") @Default("0.0")
        @Range(min = 0) double noiseSnrDb,
        @Doc("Dither: white noise of this standard deviation (full scale = 1) added to every waveform (training, "
                + "evaluation and predict alike) before its features, seeded by the waveform itself so the same audio "
                + "always gives the same features. It breaks exact digital silence, whose log energies otherwise lie far "
                + "below any noisy training audio's (Kaldi dithers by default). 0: off.") @Default("0.0")
        @Range(min = 0, max = 0.1) double dither,
        @Doc("Augmentation of training features (SpecAugment's masks): runs of frames set to 0 (the utterance mean "
                + "when normalize is on), each 0 to time_mask_ms long and at most a fifth of the utterance. 0: off.")
        @Default("0") @Range(min = 0) int timeMasks,
        @Doc("Widest run of frames a time mask covers, in milliseconds.") @Default("0.0") @Range(min = 0)
        double timeMaskMs,
        @Doc("Augmentation of training features (SpecAugment's masks): bands of adjacent features (mel bins or "
                + "coefficients) set to 0, each 0 to freq_mask_bins wide. 0: off.") @Default("0") @Range(min = 0)
        int freqMasks,
        @Doc("Widest band a frequency mask covers, in features.") @Default("0") @Range(min = 0) int freqMaskBins)
        implements DataSpec {
}
