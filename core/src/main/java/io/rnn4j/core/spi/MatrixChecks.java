package io.rnn4j.core.spi;


/**
 * Argument checks for {@link Backend} implementations, with messages that name the operation and the
 * shapes: shape agreement, index ranges, and the in-place and overlap rules of the {@code Backend}
 * contract. Shared by rnn4j's backends and available to plugins, so every backend rejects bad calls the
 * same way.
 */
public final class MatrixChecks {

    private MatrixChecks() {
    }

    /** {@code rows x cols}, the way shapes appear in messages. */
    public static String shape(MatrixView v) {
        return v.rows() + "x" + v.cols();
    }

    /** Fails unless {@code y} has the shape of {@code x}. */
    public static void requireSameShape(String op, String xName, MatrixView x, String yName, MatrixView y) {
        if (!x.sameShape(y)) {
            throw new IllegalArgumentException(op + ": " + yName + " is " + shape(y) + " but " + xName + " is "
                    + shape(x) + "; they must have the same shape");
        }
    }

    /**
     * As {@link #requireSameShape(String, String, MatrixView, String, MatrixView)} for an operation named
     * after an activation ({@code "activation tanh"}); the name is built only when the check fails, so
     * valid calls allocate nothing.
     */
    public static void requireSameShape(String op, io.rnn4j.core.Activation f, String xName, MatrixView x, String yName,
            MatrixView y) {
        if (!x.sameShape(y)) {
            requireSameShape(op + " " + f.id(), xName, x, yName, y);
        }
    }

    /** As {@link #requireNoPartialOverlap(String, String, MatrixView, String, MatrixView)} for an activation. */
    public static void requireNoPartialOverlap(String op, io.rnn4j.core.Activation f, String outName, MatrixView out,
            String inName, MatrixView in) {
        if (overlaps(out, in) && !sameWindow(out, in)) {
            requireNoPartialOverlap(op + " " + f.id(), outName, out, inName, in);
        }
    }

    /**
     * Fails unless {@code op(A) · op(B)} fits {@code C} ({@code op} transposes when asked) and C shares no
     * element with A or B, as {@link Backend#gemm} requires; messages name every operand's shape.
     */
    public static void requireGemm(boolean transA, boolean transB, MatrixView a, MatrixView b, MatrixView c) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kOfB = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kOfB) {
            throw new IllegalArgumentException("gemm: op(A) is " + m + "x" + k + " but op(B) is " + kOfB + "x" + n
                    + "; the inner dimensions must agree" + gemmOperands(transA, transB, a, b, c));
        }
        if (c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("gemm: op(A)·op(B) is " + m + "x" + n + " but C is " + shape(c)
                    + gemmOperands(transA, transB, a, b, c));
        }
        requireDisjoint("gemm", "C", c, "A", a);
        requireDisjoint("gemm", "C", c, "B", b);
    }

    private static String gemmOperands(boolean transA, boolean transB, MatrixView a, MatrixView b, MatrixView c) {
        return " (A " + shape(a) + (transA ? " transposed" : "") + ", B " + shape(b) + (transB ? " transposed" : "")
                + ", C " + shape(c) + ")";
    }

    /**
     * Fails unless every one of {@code indices[offset .. offset + count)} is a row of {@code table}; run
     * it before writing anything, so a bad index leaves the output untouched.
     */
    public static void requireIndices(String op, int[] indices, int offset, int count, MatrixView table) {
        for (int i = 0; i < count; i++) {
            int t = indices[offset + i];
            if (t < 0 || t >= table.rows()) {
                throw new IndexOutOfBoundsException(op + ": index " + t + " (indices[" + (offset + i)
                        + "]) is outside a table of " + table.rows() + " rows; indices must be in 0.."
                        + (table.rows() - 1));
            }
        }
    }

    /**
     * As {@link #requireRange(String, String, int, int, int, String)} where the count is
     * {@code what} of the matrix {@code of} ({@code "rows of c"}); the explanation is built only on failure.
     */
    public static void requireRange(String op, String name, int length, int offset, int count, String what,
            MatrixView of) {
        if (offset < 0 || (long) offset + count > length) {
            requireRange(op, name, length, offset, count, what + ", " + shape(of));
        }
    }

    /** Fails unless {@code array[offset .. offset + count)} lies inside the array. */
    public static void requireRange(String op, String name, int length, int offset, int count, String countMeaning) {
        if (offset < 0 || (long) offset + count > length) {
            throw new IllegalArgumentException(op + ": needs " + name + "[" + offset + " .. " + ((long) offset + count)
                    + ") (" + count + " = " + countMeaning + ") but " + name + " has length " + length);
        }
    }

    /**
     * Fails if an output shares elements with an input without being exactly the same window: the
     * {@code Backend} contract allows in-place use but not partial overlap, whose result would depend on
     * the order in which a backend visits elements.
     */
    public static void requireNoPartialOverlap(String op, String outName, MatrixView out, String inName, MatrixView in) {
        if (overlaps(out, in) && !sameWindow(out, in)) {
            throw new IllegalArgumentException(op + ": output " + outName + " " + out + " partially overlaps input "
                    + inName + " " + in + "; an output must be the same window as an input or disjoint from it");
        }
    }

    /** Fails if an output shares any element with an input (gemm forbids even in-place use). */
    public static void requireDisjoint(String op, String outName, MatrixView out, String inName, MatrixView in) {
        if (overlaps(out, in)) {
            throw new IllegalArgumentException(op + ": output " + outName + " " + out + " overlaps input " + inName
                    + " " + in + "; write the result to a separate buffer");
        }
    }

    /** Whether both views cover exactly the same elements. */
    public static boolean sameWindow(MatrixView x, MatrixView y) {
        return x.data() == y.data() && x.offset() == y.offset() && x.rows() == y.rows() && x.cols() == y.cols()
                && (x.rows() <= 1 || x.stride() == y.stride());
    }

    /** Whether the views share at least one element of the same buffer. */
    public static boolean overlaps(MatrixView x, MatrixView y) {
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

    /** Whether some row of a non-empty {@code y} shares an element with the index range {@code [start, end)}. */
    private static boolean meets(MatrixView y, int start, int end) {
        // Row q of y is [y.offset + q*stride, y.offset + q*stride + cols). It meets [start, end) when its
        // start is < end and its end is > start; solve both for q and clamp to y's rows. A one-row view's
        // stride is meaningless, and a view of several rows has stride >= cols >= 1.
        long stride = y.rows() == 1 ? 1 : y.stride();
        long first = Math.max(0, -Math.floorDiv((long) y.offset() + y.cols() - start - 1, stride));
        long last = Math.min(y.rows() - 1, Math.floorDiv((long) end - 1 - y.offset(), stride));
        return first <= last;
    }

    /**
     * Checks a {@link Backend#gatherRows} call (same number of columns, the index range, the overlap rule, every
     * index a row of {@code table}) and returns what to read the rows from: {@code table} itself, or a compact
     * copy of it when {@code out} overlaps it (in place, the table must be read as it was before the call).
     */
    public static MatrixView gatherSource(MatrixView table, int[] indices, int offset, MatrixView out) {
        if (out.cols() != table.cols()) {
            throw new IllegalArgumentException("gatherRows: out is " + shape(out) + " but table is " + shape(table)
                    + "; they must have the same number of columns");
        }
        requireRange("gatherRows", "indices", indices.length, offset, out.rows(), "rows of out", out);
        requireNoPartialOverlap("gatherRows", "out", out, "table", table);
        requireIndices("gatherRows", indices, offset, out.rows(), table);
        return overlaps(out, table) ? compactCopy(table) : table;
    }

    /**
     * Checks a {@link Backend#scatterAddRows} call as {@link #gatherSource} checks a gather, and returns the rows
     * to add: {@code src} itself, or a compact copy when it overlaps {@code table}.
     */
    public static MatrixView scatterSource(MatrixView src, int[] indices, int offset, MatrixView table) {
        if (src.cols() != table.cols()) {
            throw new IllegalArgumentException("scatterAddRows: src is " + shape(src) + " but table is "
                    + shape(table) + "; they must have the same number of columns");
        }
        requireRange("scatterAddRows", "indices", indices.length, offset, src.rows(), "rows of src", src);
        requireNoPartialOverlap("scatterAddRows", "table", table, "src", src);
        requireIndices("scatterAddRows", indices, offset, src.rows(), table);
        return overlaps(src, table) ? compactCopy(src) : src;
    }

    private static MatrixView compactCopy(MatrixView v) {
        return MatrixView.of(v.toArray(), v.rows(), v.cols());
    }

    /** Checks a {@link Backend#maxRows} call: {@code x} has a row, {@code out} is one row as wide. */
    public static void requireMaxRows(MatrixView x, MatrixView out) {
        if (x.rows() < 1) {
            throw new IllegalArgumentException("maxRows: x is " + shape(x) + "; it needs at least one row");
        }
        if (out.rows() != 1 || out.cols() != x.cols()) {
            throw new IllegalArgumentException("maxRows: out is " + shape(out) + " but must be 1x" + x.cols()
                    + " (one row as wide as x)");
        }
    }
}
