package io.rnn4j.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float32 tensor: a {@link Shape} over a window of a {@code float[]}.
 *
 * <p>The window ({@link #data()}, {@link #offset()}) may be part of a larger buffer, so that all
 * parameters of a model can live in one flat, serializable array. Tensors are mutable: layers and
 * backends write into them in place.
 */
public final class Tensor {
    private final float[] data;
    private final int offset;
    private final Shape shape;
    /** Whether this tensor holds weights: its write methods then count as a {@link ParameterVersion} change. */
    private boolean weights;

    /** Wraps {@code data[offset, offset + shape.size())} without copying. */
    public Tensor(float[] data, int offset, Shape shape) {
        this.data = Objects.requireNonNull(data, "data");
        this.shape = Objects.requireNonNull(shape, "shape");
        if (offset < 0 || (long) offset + shape.size() > data.length) {
            throw new IllegalArgumentException("tensor of shape " + shape + " at offset " + offset
                    + " does not fit in a buffer of " + data.length + " floats");
        }
        this.offset = offset;
    }

    /** A zero-filled tensor of the given shape. */
    public static Tensor zeros(int... dims) {
        Shape s = Shape.of(dims);
        return new Tensor(new float[s.size()], 0, s);
    }

    /** A tensor that wraps {@code data} (not copied), which must hold exactly the shape's size. */
    public static Tensor of(float[] data, int... dims) {
        Shape s = Shape.of(dims);
        if (data.length != s.size()) {
            throw new IllegalArgumentException(
                    "shape " + s + " needs " + s.size() + " values but " + data.length + " were given");
        }
        return new Tensor(data, 0, s);
    }

    /** The backing buffer (shared, not copied). */
    public float[] data() {
        return data;
    }

    /** Index in {@link #data()} of this tensor's first element. */
    public int offset() {
        return offset;
    }

    public Shape shape() {
        return shape;
    }

    /** Number of elements. */
    public int size() {
        return shape.size();
    }

    /** Size of dimension {@code axis}; negative counts from the end. */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    public int rank() {
        return shape.rank();
    }

    /** Element at a flat (row-major) index within this tensor. */
    public float getFlat(int i) {
        return data[offset + i];
    }

    /** Sets the element at a flat (row-major) index within this tensor. */
    public void setFlat(int i, float v) {
        data[offset + i] = v;
        if (weights) {
            ParameterVersion.changed();
        }
    }

    /**
     * Marks this tensor as weights (the recurrent weights a backend may cache packed for inference): from now on
     * {@link #setFlat}, {@link #fill} and {@link #copyFrom} count as a {@link ParameterVersion} change. Writes
     * through {@link #data()} (or another tensor over the same buffer) do not: call
     * {@link ParameterVersion#changed()} after them.
     *
     * @return this tensor
     */
    public Tensor markWeights() {
        weights = true;
        return this;
    }

    /** Element of a rank-2 tensor. */
    public float get(int r, int c) {
        return data[offset + r * shape.dim(1) + c];
    }

    /** Element of a rank-3 tensor. */
    public float get(int a, int b, int c) {
        return data[offset + (a * shape.dim(1) + b) * shape.dim(2) + c];
    }

    /** A compact copy of this tensor's elements. */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + size());
    }

    /** A deep copy with its own compact buffer. */
    public Tensor copy() {
        return new Tensor(toArray(), 0, shape);
    }

    /** The same elements seen with another shape of equal size (no copy). */
    public Tensor reshape(int... dims) {
        Shape s = Shape.of(dims);
        if (s.size() != size()) {
            throw new IllegalArgumentException("cannot reshape " + shape + " (" + size() + " elements) to " + s);
        }
        return new Tensor(data, offset, s);
    }

    /** Sets every element to {@code v}. */
    public void fill(float v) {
        Arrays.fill(data, offset, offset + size(), v);
        if (weights) {
            ParameterVersion.changed();
        }
    }

    /** Copies {@code src}'s elements into this tensor; sizes must match. */
    public void copyFrom(Tensor src) {
        if (src.size() != size()) {
            throw new IllegalArgumentException("cannot copy " + src.shape + " into " + shape);
        }
        System.arraycopy(src.data, src.offset, data, offset, size());
        if (weights) {
            ParameterVersion.changed();
        }
    }

    @Override
    public String toString() {
        int n = Math.min(size(), 8);
        StringBuilder sb = new StringBuilder("Tensor").append(shape).append(" [");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(getFlat(i));
        }
        return sb.append(size() > n ? ", ...]" : "]").toString();
    }
}
