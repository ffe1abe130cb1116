package io.rnn4j.backend.vector;

import io.rnn4j.core.spi.MatrixView;

/**
 * Argument checks of the {@link VectorBackend} primitives, with the same rules and messages as the
 * reference backend: a call that the reference rejects is rejected here too, so a layer that works on
 * one backend works on the other. Each check is O(rows), negligible next to the operation it guards.
 */
final class Checks {

    private Checks() {
    }

    static String shape(MatrixView v) {
        return v.rows() + "x" + v.cols();
    }

    static void requireSameShape(String op, String xName, MatrixView x, String yName, MatrixView y) {
        if (!x.sameShape(y)) {
            throw new IllegalArgumentException(op + ": " + yName + " is " + shape(y) + " but " + xName + " is "
                    + shape(x) + "; they must have the same shape");
        }
    }

    static void requireRange(String op, String name, int length, int offset, int count, String countMeaning) {
        if (offset < 0 || (long) offset + count > length) {
            throw new IllegalArgumentException(op + ": needs " + name + "[" + offset + " .. " + ((long) offset + count)
                    + ") (" + count + " = " + countMeaning + ") but " + name + " has length " + length);
        }
    }

    /** In-place use (the same window) is allowed; a partial overlap would make results order-dependent. */
    static void requireNoPartialOverlap(String op, String outName, MatrixView out, String inName, MatrixView in) {
        if (overlaps(out, in) && !sameWindow(out, in)) {
            throw new IllegalArgumentException(op + ": output " + outName + " " + out + " partially overlaps input "
                    + inName + " " + in + "; an output must be the same window as an input or disjoint from it");
        }
    }

    /** gemm reads its inputs many times while writing C, so even in-place use is refused. */
    static void requireDisjoint(String op, String outName, MatrixView out, String inName, MatrixView in) {
        if (overlaps(out, in)) {
            throw new IllegalArgumentException(op + ": output " + outName + " " + out + " overlaps input " + inName
                    + " " + in + "; write the result to a separate buffer");
        }
    }

    static boolean sameWindow(MatrixView x, MatrixView y) {
        return x.data() == y.data() && x.offset() == y.offset() && x.rows() == y.rows() && x.cols() == y.cols()
                && (x.rows() <= 1 || x.stride() == y.stride());
    }

    static boolean overlaps(MatrixView x, MatrixView y) {
        if (x.data() != y.data() || x.size() == 0 || y.size() == 0) {
            return false;
        }
        for (int r = 0; r < x.rows(); r++) {
            int start = x.index(r, 0);
            if (meets(y, start, start + x.cols())) {
                return true;
            }
        }
        return false;
    }

    /** Whether some row of a non-empty {@code y} shares an element with {@code [start, end)} (solved, not scanned). */
    private static boolean meets(MatrixView y, int start, int end) {
        long stride = y.rows() == 1 ? 1 : y.stride();
        long first = Math.max(0, -Math.floorDiv((long) y.offset() + y.cols() - start - 1, stride));
        long last = Math.min(y.rows() - 1, Math.floorDiv((long) end - 1 - y.offset(), stride));
        return first <= last;
    }
}
