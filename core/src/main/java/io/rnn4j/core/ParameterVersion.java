package io.rnn4j.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A process-wide count of the times write access to parameter values was handed out: every
 * {@link ParameterSet#values()} and {@link Parameter#value()} call (optimizer steps, loading weights,
 * restoring the best weights, initializers) counts one, and so does every {@link Tensor#setFlat},
 * {@link Tensor#fill} and {@link Tensor#copyFrom} on a tensor marked as weights
 * ({@link Tensor#markWeights()}: the tensors of every {@code RecurrentWeights}). Code that changes such
 * weights by another way (through {@link Tensor#data()}) calls {@link #changed()} after the write.
 *
 * <p>Backends cache work derived from weights for inference (the vector backend's packed recurrent
 * weights) and reuse it while the version they remember is still {@link #current()}: one read instead of
 * comparing every weight. The count is advanced when write access is handed out, so the rule for code
 * that writes weights is: take the array ({@code values()}, {@code value()}) for each write, with no
 * inference between taking it and writing, or call {@link #changed()} after writing. Everything in rnn4j
 * does (optimizers also count once more after their update, so an inference that ran between an
 * optimizer's {@code values()} and its write cannot keep a stale cache). Code that keeps an array and
 * writes it later without {@link #changed()} would leave caches stale. A read of {@code values()}
 * counts as a write, so caches are at worst invalidated needlessly.
 */
public final class ParameterVersion {
    private static final AtomicLong VERSION = new AtomicLong();

    private ParameterVersion() {
    }

    /** The current version. */
    public static long current() {
        return VERSION.get();
    }

    /** Records that weights may have changed; returns the new version. */
    public static long changed() {
        return VERSION.incrementAndGet();
    }
}
