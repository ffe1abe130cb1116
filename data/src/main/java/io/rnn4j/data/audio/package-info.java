/**
 * Audio for speech recognition: {@link io.rnn4j.data.audio.WavReader} reads PCM WAV files (8-bit
 * unsigned or 16-bit signed, mono) into a {@link io.rnn4j.data.audio.Waveform};
 * {@link io.rnn4j.data.audio.FeatureExtractor} computes Kaldi-compatible log-mel filterbank or MFCC
 * features from it as {@link io.rnn4j.data.audio.FeatureOptions} say (checked against
 * {@code torchaudio.compliance.kaldi} by {@code tools/reference/audio_reference.py});
 * {@link io.rnn4j.data.audio.Augmentation} perturbs training audio (speed, gain, noise, time shift),
 * seeded; its choices ({@link io.rnn4j.data.audio.Augmentation.Draw}) are drawn apart from the perturbation
 * itself, so the perturbed length is known before any feature is computed.
 */
package io.rnn4j.data.audio;
