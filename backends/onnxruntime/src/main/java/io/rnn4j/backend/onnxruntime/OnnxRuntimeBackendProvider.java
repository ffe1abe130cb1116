package io.rnn4j.backend.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.BackendProvider;
import java.util.Objects;

/**
 * Registers the ONNX Runtime inference backend under the id {@value #ID}, with priority {@value #PRIORITY}
 * so that it is never chosen unless named: it cannot train, and the whole-model path
 * ({@link OnnxRuntimeModel}) is what makes it worth choosing.
 */
public final class OnnxRuntimeBackendProvider implements BackendProvider {
    /** The id of this backend ({@code backend: onnxruntime}, {@code --backend onnxruntime}). */
    public static final String ID = "onnxruntime";
    /** Lowest of the built-in backends: an inference-only backend must never win by default. */
    public static final int PRIORITY = 1;

    private String unavailable;

    /** Creates the provider; cheap, as {@link java.util.ServiceLoader} requires (nothing native is loaded). */
    public OnnxRuntimeBackendProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** Whether ONNX Runtime's native library loads on this machine (checked once). */
    @Override
    public synchronized boolean isAvailable() {
        if (unavailable == null) {
            try {
                OrtEnvironment.getEnvironment();
                unavailable = "";
            } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
                unavailable = "ONNX Runtime's native library does not load here (" + e
                        + "); it ships for linux-x64, linux-aarch64, osx and win-x64 in com.microsoft.onnxruntime:onnxruntime";
            } catch (RuntimeException e) {
                unavailable = "ONNX Runtime failed to start: " + e;
            }
        }
        return unavailable.isEmpty();
    }

    @Override
    public synchronized String unavailableReason() {
        isAvailable();
        return unavailable;
    }

    @Override
    public String description() {
        return "inference only: the model is exported to ONNX and run in ONNX Runtime";
    }

    /**
     * Creates an {@link OnnxRuntimeBackend} whose primitives delegate to the reference backend
     * ({@code cpu}, found on the same class path).
     */
    @Override
    public Backend create(BackendOptions options) {
        Objects.requireNonNull(options, "options");
        Backend reference = BackendRegistry.discover(OnnxRuntimeBackendProvider.class.getClassLoader())
                .get(OnnxRuntimeBackend.REFERENCE).provider().create(BackendOptions.threads(1));
        return new OnnxRuntimeBackend(reference, options.threads());
    }
}
