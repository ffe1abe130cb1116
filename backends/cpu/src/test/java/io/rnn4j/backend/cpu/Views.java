package io.rnn4j.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.spi.MatrixView;
import java.util.Arrays;

/** Builds test matrices as windows inside larger buffers, to prove that operations honour offset and stride. */
final class Views {
    /** Value of every buffer element outside a window; an operation must never change it. */
    static final float SENTINEL = -777f;

    private Views() {
    }

    /** A compact view holding {@code rows}. */
    static MatrixView compact(float[]... rows) {
        return embedded(0, rows.length == 0 ? 0 : rows[0].length, rows);
    }

    /** A view of {@code rows} at {@code offset} with row distance {@code stride}, surrounded by {@link #SENTINEL}. */
    static MatrixView embedded(int offset, int stride, float[]... rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] data = new float[offset + rows.length * stride + 3]; // 3 spare floats after the last row
        Arrays.fill(data, SENTINEL);
        MatrixView v = new MatrixView(data, offset, rows.length, cols, stride);
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < cols; c++) {
                v.set(r, c, rows[r][c]);
            }
        }
        return v;
    }

    /** A {@code rows x cols} window at offset 2 with stride {@code cols + 3}, every element {@code value}. */
    static MatrixView filled(int rows, int cols, float value) {
        float[][] v = new float[rows][cols];
        for (float[] row : v) {
            Arrays.fill(row, value);
        }
        return embedded(2, cols + 3, v);
    }

    /** The view's elements as rows. */
    static float[][] rows(MatrixView v) {
        float[][] out = new float[v.rows()][v.cols()];
        for (int r = 0; r < v.rows(); r++) {
            for (int c = 0; c < v.cols(); c++) {
                out[r][c] = v.get(r, c);
            }
        }
        return out;
    }

    /** Asserts that every element of the buffer outside the window is still {@link #SENTINEL}. */
    static void assertOutsideUntouched(MatrixView v) {
        boolean[] inside = new boolean[v.data().length];
        for (int r = 0; r < v.rows(); r++) {
            for (int c = 0; c < v.cols(); c++) {
                inside[v.index(r, c)] = true;
            }
        }
        for (int i = 0; i < inside.length; i++) {
            if (!inside[i]) {
                assertThat(v.data()[i]).as("buffer element %d outside %s", i, v).isEqualTo(SENTINEL);
            }
        }
    }

    static float[] row(float... values) {
        return values;
    }
}
