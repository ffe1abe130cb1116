package io.rnn4j.backend.vector;

import jdk.incubator.vector.FloatVector;

/**
 * The only class the provider touches that links against {@code jdk.incubator.vector}; kept apart so
 * that {@link VectorBackendProvider} loads (and reports why it cannot run) when the module is absent.
 */
final class SpeciesProbe {
    private SpeciesProbe() {
    }

    /** Width of the preferred float species in bits. */
    static int preferredFloatBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
