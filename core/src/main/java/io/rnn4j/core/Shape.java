package io.rnn4j.core;

import java.util.Arrays;

/**
 * The dimensions of a row-major tensor, outermost first.
 *
 * <p>A batch of sequences has shape {@code [batch, time, features]}; a batch of vectors
 * {@code [batch, features]}; a weight matrix {@code [rows, cols]}.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException(
                        "dimension " + i + " of shape " + Arrays.toString(dims) + " is negative; sizes must be >= 0");
            }
        }
        this.dims = dims;
    }

    /** Returns the shape with the given dimensions (copied). */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Size of dimension {@code axis}; a negative axis counts from the end. */
    public int dim(int axis) {
        return dims[axis < 0 ? dims.length + axis : axis];
    }

    /** Copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Product of the dimensions (1 for a scalar). */
    public int size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + this + " has more than 2^31-1 elements");
        }
        return (int) n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
