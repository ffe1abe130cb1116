package io.rnn4j.it.plugin;

import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.ForwardingBackend;
import io.rnn4j.core.spi.MatrixView;
import java.util.concurrent.atomic.AtomicLong;

/** Forwards every primitive to another backend and counts the matrix products. */
public final class CountingBackend extends ForwardingBackend {
    private final AtomicLong gemms = new AtomicLong();

    CountingBackend(Backend delegate) {
        super(delegate);
    }

    /** Matrix products run so far. */
    public long gemmCount() {
        return gemms.get();
    }

    @Override
    public String id() {
        return "counting";
    }

    @Override
    public void gemm(boolean transA, boolean transB, float alpha, MatrixView a, MatrixView b, float beta, MatrixView c) {
        gemms.incrementAndGet();
        super.gemm(transA, transB, alpha, a, b, beta, c);
    }
}
