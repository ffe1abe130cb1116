package io.rnn4j.backend.cpu;

import static io.rnn4j.backend.cpu.Views.assertOutsideUntouched;
import static io.rnn4j.backend.cpu.Views.compact;
import static io.rnn4j.backend.cpu.Views.embedded;
import static io.rnn4j.backend.cpu.Views.filled;
import static io.rnn4j.backend.cpu.Views.row;
import static io.rnn4j.backend.cpu.Views.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.spi.MatrixView;
import org.junit.jupiter.api.Test;

class RowOpsTest {
    private static final float NAN = Float.NaN;
    private final CpuBackend backend = new CpuBackend();

    @Test
    void selectRowsTakesARowFromAWhereTheMaskIsNonZeroElseFromB() {
        MatrixView a = compact(row(1, 2), row(3, 4), row(5, 6));
        MatrixView b = embedded(1, 3, row(-1, -2), row(-3, -4), row(-5, -6));
        MatrixView c = filled(3, 2, 0f);
        backend.selectRows(new float[] {9, 1, 0, 0.5f}, 1, a, b, c);
        assertThat(rows(c)).isDeepEqualTo(new float[][] {row(1, 2), row(-3, -4), row(5, 6)});
        assertOutsideUntouched(c);
    }

    @Test
    void selectRowsNeverLetsNaNFromTheUnchosenRowThrough() {
        MatrixView a = compact(row(1, 2), row(NAN, NAN));
        MatrixView b = compact(row(NAN, NAN), row(3, 4));
        MatrixView c = filled(2, 2, 0f);
        backend.selectRows(new float[] {1, 0}, 0, a, b, c);
        assertThat(rows(c)).isDeepEqualTo(new float[][] {row(1, 2), row(3, 4)});
    }

    @Test
    void selectRowsWorksInPlaceOnEitherInput() {
        MatrixView h = compact(row(1, 1), row(2, 2));
        backend.selectRows(new float[] {1, 0}, 0, compact(row(7, 7), row(8, 8)), h, h); // keep h where padded
        assertThat(rows(h)).isDeepEqualTo(new float[][] {row(7, 7), row(2, 2)});
        MatrixView a = compact(row(1, 1), row(2, 2));
        backend.selectRows(new float[] {1, 0}, 0, a, compact(row(7, 7), row(8, 8)), a);
        assertThat(rows(a)).isDeepEqualTo(new float[][] {row(1, 1), row(8, 8)});
    }

    @Test
    void selectRowsRejectsAMaskThatIsTooShort() {
        assertThatThrownBy(() -> backend.selectRows(new float[2], 1, filled(2, 2, 0), filled(2, 2, 0),
                filled(2, 2, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("selectRows: needs rowMask[1 .. 3) (2 = rows of c, 2x2) but rowMask has length 2");
    }

    @Test
    void zeroRowsClearsOnlyTheMaskedOutRows() {
        MatrixView x = embedded(2, 3, row(1, 2), row(3, 4), row(5, 6));
        backend.zeroRows(new float[] {0, 1, 0, 1}, 1, x);
        assertThat(rows(x)).isDeepEqualTo(new float[][] {row(1, 2), row(0, 0), row(5, 6)});
        assertOutsideUntouched(x);
    }

    @Test
    void gatherRowsLooksUpRowsOfTheTableIncludingRepeats() {
        MatrixView table = embedded(1, 4, row(0, 0.5f), row(1, 1.5f), row(2, 2.5f));
        MatrixView out = filled(3, 2, NAN);
        backend.gatherRows(table, new int[] {7, 2, 0, 2}, 1, out);
        assertThat(rows(out)).isDeepEqualTo(new float[][] {row(2, 2.5f), row(0, 0.5f), row(2, 2.5f)});
        assertOutsideUntouched(out);
    }

    @Test
    void gatherRowsInPlaceReadsTheTableAsItWasBeforeTheCall() {
        MatrixView t = compact(row(1), row(2), row(3));
        backend.gatherRows(t, new int[] {2, 0, 1}, 0, t);
        assertThat(rows(t)).isDeepEqualTo(new float[][] {row(3), row(1), row(2)});
    }

    @Test
    void gatherRowsRejectsAnIndexOutsideTheTableAndWritesNothing() {
        MatrixView out = filled(2, 2, 0f);
        assertThatThrownBy(() -> backend.gatherRows(filled(3, 2, 1f), new int[] {0, 3}, 0, out))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("gatherRows: index 3 (indices[1]) is outside a table of 3 rows; indices must be in 0..2");
        assertThatThrownBy(() -> backend.gatherRows(filled(3, 2, 1f), new int[] {-1, 0}, 0, out))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("index -1 (indices[0])");
        assertThat(rows(out)).isDeepEqualTo(new float[][] {row(0, 0), row(0, 0)});
    }

    @Test
    void gatherRowsRejectsAnOutputWithOtherColumnsThanTheTable() {
        assertThatThrownBy(() -> backend.gatherRows(filled(3, 2, 1f), new int[] {0}, 0, filled(1, 3, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gatherRows: out is 1x3 but table is 3x2; they must have the same number of columns");
    }

    @Test
    void scatterAddRowsAccumulatesRepeatedIndices() {
        MatrixView table = embedded(1, 3, row(1, 1), row(1, 1), row(1, 1));
        MatrixView src = compact(row(1, 2), row(3, 4), row(5, 6));
        backend.scatterAddRows(src, new int[] {-5, 2, 0, 2}, 1, table);
        assertThat(rows(table)).isDeepEqualTo(new float[][] {row(1 + 3, 1 + 4), row(1, 1), row(1 + 1 + 5, 1 + 2 + 6)});
        assertOutsideUntouched(table);
    }

    @Test
    void scatterAddRowsSumsRepeatedIndicesInDouble() {
        MatrixView table = compact(row(1e8f));
        backend.scatterAddRows(compact(row(1f), row(-1e8f)), new int[] {0, 0}, 0, table);
        assertThat(table.get(0, 0)).isEqualTo(1f); // float accumulation gives 0
    }

    @Test
    void scatterAddRowsRejectsAnIndexOutsideTheTable() {
        assertThatThrownBy(() -> backend.scatterAddRows(filled(1, 2, 1f), new int[] {4}, 0, filled(4, 2, 0f)))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("scatterAddRows: index 4 (indices[0]) is outside a table of 4 rows;"
                        + " indices must be in 0..3");
    }

    @Test
    void rowOperationsRejectIndexSlicesThatRunPastTheArray() {
        assertThatThrownBy(() -> backend.gatherRows(filled(3, 2, 1f), new int[] {0, 1}, 1, filled(2, 2, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gatherRows: needs indices[1 .. 3) (2 = rows of out, 2x2) but indices has length 2");
    }
}
