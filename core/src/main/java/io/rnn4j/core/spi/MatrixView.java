package io.rnn4j.core.spi;

import io.rnn4j.core.Tensor;

/**
 * A row-major window of a {@code float[]}: element {@code (r, c)} is
 * {@code data[offset + r * stride + c]}. This is the BLAS convention (stride = leading dimension),
 * and lets layer code address one time step of a {@code [batch, time, features]} tensor, or one gate's
 * columns of a {@code [batch, gates*hidden]} buffer, without copying.
 *
 * @param data   the buffer
 * @param offset index of element (0, 0)
 * @param rows   number of rows
 * @param cols   number of columns
 * @param stride distance between the starts of consecutive rows ({@code >= cols})
 */
public record MatrixView(float[] data, int offset, int rows, int cols, int stride) {

    /** Checks that the window lies inside the buffer. */
    public MatrixView {
        if (rows < 0 || cols < 0 || offset < 0 || (rows > 1 && stride < cols)) {
            throw new IllegalArgumentException("invalid matrix view: rows=" + rows + " cols=" + cols
                    + " offset=" + offset + " stride=" + stride);
        }
        if (rows > 0 && cols > 0 && (long) offset + (long) (rows - 1) * stride + cols > data.length) {
            throw new IllegalArgumentException("matrix view " + rows + "x" + cols + " at offset " + offset
                    + " with stride " + stride + " exceeds a buffer of " + data.length + " floats");
        }
    }

    /** A compact {@code rows x cols} view of a tensor's elements (a rank-3 tensor folds its leading axes). */
    public static MatrixView of(Tensor t, int rows, int cols) {
        if ((long) rows * cols != t.size()) {
            throw new IllegalArgumentException("tensor " + t.shape() + " is not " + rows + "x" + cols);
        }
        return new MatrixView(t.data(), t.offset(), rows, cols, cols);
    }

    /** A rank-2 tensor as a matrix, or a rank-1 tensor as one row. */
    public static MatrixView of(Tensor t) {
        return switch (t.rank()) {
            case 1 -> of(t, 1, t.dim(0));
            case 2 -> of(t, t.dim(0), t.dim(1));
            default -> of(t, t.size() / t.dim(-1), t.dim(-1));
        };
    }

    /** A compact view of a whole array. */
    public static MatrixView of(float[] data, int rows, int cols) {
        return new MatrixView(data, 0, rows, cols, cols);
    }

    /** Columns {@code [from, from + count)} of this view. */
    public MatrixView cols(int from, int count) {
        if (from < 0 || from + count > cols) {
            throw new IndexOutOfBoundsException("columns " + from + ".." + (from + count) + " of " + cols);
        }
        return new MatrixView(data, offset + from, rows, count, stride);
    }

    /** Rows {@code [from, from + count)} of this view. */
    public MatrixView rows(int from, int count) {
        if (from < 0 || from + count > rows) {
            throw new IndexOutOfBoundsException("rows " + from + ".." + (from + count) + " of " + rows);
        }
        return new MatrixView(data, offset + from * stride, count, cols, stride);
    }

    /** Index in {@link #data()} of element {@code (r, c)}. */
    public int index(int r, int c) {
        return offset + r * stride + c;
    }

    /** Element {@code (r, c)}. */
    public float get(int r, int c) {
        return data[offset + r * stride + c];
    }

    /** Sets element {@code (r, c)}. */
    public void set(int r, int c, float v) {
        data[offset + r * stride + c] = v;
    }

    /** Number of elements. */
    public int size() {
        return rows * cols;
    }

    /** Whether {@code other} has the same number of rows and columns. */
    public boolean sameShape(MatrixView other) {
        return rows == other.rows && cols == other.cols;
    }

    /** A compact copy of the elements. */
    public float[] toArray() {
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(data, offset + r * stride, out, r * cols, cols);
        }
        return out;
    }

    @Override
    public String toString() {
        return "MatrixView[" + rows + "x" + cols + " @" + offset + " stride " + stride + "]";
    }
}
