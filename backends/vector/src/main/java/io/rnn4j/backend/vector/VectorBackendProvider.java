package io.rnn4j.backend.vector;

import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.BackendProvider;
import java.util.Objects;

/**
 * Registers the {@link VectorBackend} under the id {@value #ID} with priority {@value #PRIORITY}, so it
 * is the default whenever it can run.
 *
 * <p>It can run when the JVM was started with {@code --add-modules jdk.incubator.vector} and the
 * Vector API's preferred float species is at least 256 bits wide (AVX2 or AVX-512 on x86, SVE on
 * ARM). Narrower vectors would make the register-blocked kernels slower than plain loops, so the backend
 * steps aside and says why ({@link #unavailableReason()}). Both checks are cheap: nothing from
 * {@code jdk.incubator.vector} is loaded unless the module is present.
 */
public final class VectorBackendProvider implements BackendProvider {
    /** The id of this backend ({@code backend: vector}, {@code --backend vector}, {@code RNN4J_BACKEND=vector}). */
    public static final String ID = "vector";

    /** Above the reference backend's 10: this backend is the default where it is available. */
    public static final int PRIORITY = 100;

    /** The narrowest preferred vector, in bits, for which this backend is worth using. */
    static final int MIN_VECTOR_BITS = 256;

    static final String MODULE = "jdk.incubator.vector";

    /** Creates the provider; cheap, as {@link java.util.ServiceLoader} requires. */
    public VectorBackendProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public boolean isAvailable() {
        return unavailableReason().isEmpty();
    }

    @Override
    public String unavailableReason() {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return "the JDK Vector API is not enabled: start the JVM with --add-modules " + MODULE
                    + " (e.g. in JAVA_TOOL_OPTIONS or the launcher's jvm options), or choose --backend cpu";
        }
        int bits;
        try {
            bits = SpeciesProbe.preferredFloatBits();
        } catch (LinkageError e) {
            return "the JDK Vector API could not be loaded (" + e + "); choose --backend cpu";
        }
        if (bits < MIN_VECTOR_BITS) {
            return "this CPU's preferred vector is " + bits + " bits but the vector backend needs at least "
                    + MIN_VECTOR_BITS + " (AVX2, AVX-512 or SVE); choose --backend cpu";
        }
        return "";
    }

    @Override
    public String description() {
        return "fast CPU backend on the JDK Vector API: packed register-blocked GEMM, fused RNN/LSTM/GRU kernels";
    }

    /**
     * Creates a {@link VectorBackend}.
     *
     * @throws IllegalStateException when {@link #isAvailable()} is false, with the reason
     */
    @Override
    public Backend create(BackendOptions options) {
        Objects.requireNonNull(options, "options");
        String reason = unavailableReason();
        if (!reason.isEmpty()) {
            throw new IllegalStateException("the vector backend cannot run here: " + reason);
        }
        return new VectorBackend(options);
    }
}
