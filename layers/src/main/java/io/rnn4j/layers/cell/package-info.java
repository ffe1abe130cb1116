/**
 * The recurrent cells' math, written once over the {@link io.rnn4j.core.spi.Backend} primitives.
 *
 * <p>{@link io.rnn4j.layers.cell.ComposedRecurrentKernel} runs one direction of one layer over a
 * masked batch (forward and backpropagation through time) for any backend; the per-step equations live
 * in one class per cell ({@link io.rnn4j.layers.cell.RnnCellMath}, {@link io.rnn4j.layers.cell.LstmCellMath},
 * {@link io.rnn4j.layers.cell.GruCellMath}; the reset-before GRU, whose candidate product needs this step's
 * reset gate, owns its whole step in {@link io.rnn4j.layers.cell.GruResetBeforeStep}). On the reference backend
 * this composition is the ground truth that fused kernels of fast backends are tested against; a backend without
 * a fused kernel for a cell (the {@code vector} backend for the reset-before GRU) runs this composition on its
 * own primitives.
 */
package io.rnn4j.layers.cell;
