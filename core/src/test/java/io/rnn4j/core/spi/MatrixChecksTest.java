package io.rnn4j.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MatrixChecksTest {
    private final float[] buffer = new float[64];

    private MatrixView view(int offset, int rows, int cols, int stride) {
        return new MatrixView(buffer, offset, rows, cols, stride);
    }

    @Test
    void interleavedGateColumnsOfOneBufferDoNotOverlap() {
        // [4x8] buffer: columns 0..3 are one gate, 4..7 the next; their spans interleave but share nothing.
        assertThat(MatrixChecks.overlaps(view(0, 4, 4, 8), view(4, 4, 4, 8))).isFalse();
    }

    @Test
    void viewsSharingOneElementOverlap() {
        assertThat(MatrixChecks.overlaps(view(0, 4, 4, 8), view(28, 1, 4, 4))).isFalse(); // adjacent to the last row
        assertThat(MatrixChecks.overlaps(view(0, 4, 5, 8), view(4, 4, 4, 8))).isTrue();
        assertThat(MatrixChecks.overlaps(view(27, 1, 1, 1), view(3, 4, 4, 8))).isTrue(); // row 3, column 0
        assertThat(MatrixChecks.overlaps(view(3, 4, 4, 8), view(27, 1, 1, 1))).isTrue();
    }

    @Test
    void viewsOfDifferentStridesAreComparedElementByElement() {
        assertThat(MatrixChecks.overlaps(view(0, 2, 2, 10), view(2, 4, 2, 4))).isTrue(); // (1,0)=10 is (2,0)
        assertThat(MatrixChecks.overlaps(view(0, 2, 2, 12), view(2, 4, 2, 4))).isFalse(); // 12, 13 fall between 11 and 14
    }

    @Test
    void aOneRowViewIgnoresItsStride() {
        assertThat(MatrixChecks.overlaps(view(5, 1, 3, 0), view(7, 1, 1, 1))).isTrue();
        assertThat(MatrixChecks.overlaps(view(5, 1, 3, 0), view(8, 1, 1, 1))).isFalse();
    }

    @Test
    void emptyViewsAndOtherBuffersNeverOverlap() {
        assertThat(MatrixChecks.overlaps(view(0, 0, 4, 4), view(0, 4, 4, 4))).isFalse();
        assertThat(MatrixChecks.overlaps(view(0, 4, 4, 4), new MatrixView(new float[64], 0, 4, 4, 4))).isFalse();
    }

    @Test
    void theSameWindowIsRecognisedEvenWhenAOneRowStrideDiffers() {
        assertThat(MatrixChecks.sameWindow(view(2, 3, 2, 5), view(2, 3, 2, 5))).isTrue();
        assertThat(MatrixChecks.sameWindow(view(2, 1, 2, 5), view(2, 1, 2, 2))).isTrue();
        assertThat(MatrixChecks.sameWindow(view(2, 3, 2, 5), view(2, 3, 2, 6))).isFalse();
    }
}
