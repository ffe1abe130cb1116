package io.rnn4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void zerosHasTheShapeAndSize() {
        Tensor t = Tensor.zeros(2, 3, 4);
        assertThat(t.shape()).isEqualTo(Shape.of(2, 3, 4));
        assertThat(t.rank()).isEqualTo(3);
        assertThat(t.size()).isEqualTo(24);
        assertThat(t.dim(-1)).isEqualTo(4);
        assertThat(t.toArray()).hasSize(24).containsOnly(0f);
    }

    @Test
    void aScalarShapeHasSizeOne() {
        assertThat(Shape.of().size()).isEqualTo(1);
        assertThat(Shape.of(3, 0).size()).isZero();
    }

    @Test
    void ofRejectsDataOfTheWrongLength() {
        assertThatThrownBy(() -> Tensor.of(new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape [2, 3] needs 6 values but 5 were given");
    }

    @Test
    void aNegativeDimensionIsRejected() {
        assertThatThrownBy(() -> Tensor.zeros(2, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dimension 1 of shape [2, -1] is negative; sizes must be >= 0");
    }

    @Test
    void aWindowMustFitInItsBuffer() {
        assertThatThrownBy(() -> new Tensor(new float[10], 5, Shape.of(2, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tensor of shape [2, 3] at offset 5 does not fit in a buffer of 10 floats");
        assertThatThrownBy(() -> new Tensor(new float[10], -1, Shape.of(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTensorIsAViewOfItsWindowOfTheBuffer() {
        float[] flat = {9, 1, 2, 3, 4, 5, 6, 9};
        Tensor t = new Tensor(flat, 1, Shape.of(2, 3));
        assertThat(t.get(1, 2)).isEqualTo(6);
        assertThat(t.getFlat(3)).isEqualTo(4);
        t.setFlat(0, 10);
        assertThat(flat[1]).isEqualTo(10);
        t.fill(0);
        assertThat(flat).containsExactly(9, 0, 0, 0, 0, 0, 0, 9);
    }

    @Test
    void rank3ElementsAreRowMajor() {
        float[] data = new float[2 * 3 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        assertThat(Tensor.of(data, 2, 3, 4).get(1, 2, 3)).isEqualTo((1 * 3 + 2) * 4 + 3);
    }

    @Test
    void reshapeSharesTheDataAndChecksTheSize() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor r = t.reshape(3, 2);
        r.setFlat(5, 60);
        assertThat(t.get(1, 2)).isEqualTo(60);
        assertThatThrownBy(() -> t.reshape(4, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot reshape [2, 3] (6 elements) to [4, 2]");
    }

    @Test
    void copyIsIndependentAndCopyFromChecksTheSize() {
        Tensor t = Tensor.of(new float[] {1, 2}, 2);
        Tensor c = t.copy();
        c.setFlat(0, 5);
        assertThat(t.getFlat(0)).isEqualTo(1);
        t.copyFrom(c);
        assertThat(t.toArray()).containsExactly(5, 2);
        assertThatThrownBy(() -> t.copyFrom(Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot copy [3] into [2]");
    }

    @Test
    void toStringShowsTheShapeAndTheFirstEightValues() {
        assertThat(Tensor.of(new float[] {1, 2}, 1, 2)).hasToString("Tensor[1, 2] [1.0, 2.0]");
        assertThat(Tensor.zeros(9)).hasToString("Tensor[9] [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, ...]");
    }
}
