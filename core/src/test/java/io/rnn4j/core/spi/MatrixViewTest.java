package io.rnn4j.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.Shape;
import io.rnn4j.core.Tensor;
import org.junit.jupiter.api.Test;

class MatrixViewTest {
    // a 3x4 matrix with element (r, c) = 10 r + c, at offset 2 with stride 5 (one spare column)
    private static final float[] DATA = {
        -1, -1,
        0, 1, 2, 3, -1,
        10, 11, 12, 13, -1,
        20, 21, 22, 23};
    private final MatrixView m = new MatrixView(DATA.clone(), 2, 3, 4, 5);

    @Test
    void elementsAreAddressedByOffsetAndStride() {
        assertThat(m.index(2, 1)).isEqualTo(2 + 2 * 5 + 1);
        assertThat(m.get(1, 3)).isEqualTo(13);
        m.set(2, 0, 99);
        assertThat(m.data()[12]).isEqualTo(99);
        assertThat(m.size()).isEqualTo(12);
    }

    @Test
    void toArrayCopiesTheWindowCompactly() {
        assertThat(m.toArray()).containsExactly(0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23);
    }

    @Test
    void columnAndRowWindowsShareTheBuffer() {
        MatrixView gate = m.cols(2, 2);
        assertThat(gate.toArray()).containsExactly(2, 3, 12, 13, 22, 23);
        assertThat(gate.stride()).isEqualTo(5);
        MatrixView step = m.rows(1, 2).cols(1, 1);
        assertThat(step.toArray()).containsExactly(11, 21);
        step.set(0, 0, -11);
        assertThat(m.get(1, 1)).isEqualTo(-11);
    }

    @Test
    void windowsOutsideTheViewAreRejected() {
        assertThatThrownBy(() -> m.cols(3, 2))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("columns 3..5 of 4");
        assertThatThrownBy(() -> m.rows(-1, 1))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("rows -1..0 of 3");
    }

    @Test
    void aViewMustLieInsideItsBuffer() {
        assertThatThrownBy(() -> new MatrixView(new float[15], 2, 3, 4, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matrix view 3x4 at offset 2 with stride 5 exceeds a buffer of 15 floats");
    }

    @Test
    void aStrideShorterThanARowIsRejected() {
        assertThatThrownBy(() -> new MatrixView(new float[20], 0, 2, 4, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid matrix view: rows=2 cols=4 offset=0 stride=3");
        assertThat(new MatrixView(new float[4], 0, 1, 4, 0).toArray()).as("one row needs no stride").hasSize(4);
    }

    @Test
    void tensorsBecomeCompactViews() {
        Tensor t = new Tensor(new float[20], 4, Shape.of(2, 3, 2));
        MatrixView folded = MatrixView.of(t);
        assertThat(folded).isEqualTo(new MatrixView(t.data(), 4, 6, 2, 2));
        assertThat(MatrixView.of(Tensor.zeros(5))).extracting(MatrixView::rows, MatrixView::cols).containsExactly(1, 5);
        assertThat(MatrixView.of(Tensor.zeros(2, 5))).extracting(MatrixView::rows, MatrixView::cols)
                .containsExactly(2, 5);
        assertThat(MatrixView.of(t, 3, 4).stride()).isEqualTo(4);
        assertThatThrownBy(() -> MatrixView.of(t, 5, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tensor [2, 3, 2] is not 5x2");
    }

    @Test
    void shapesAreComparedByRowsAndColumns() {
        assertThat(m.sameShape(MatrixView.of(new float[12], 3, 4))).isTrue();
        assertThat(m.sameShape(MatrixView.of(new float[12], 4, 3))).isFalse();
        assertThat(m).hasToString("MatrixView[3x4 @2 stride 5]");
    }
}
