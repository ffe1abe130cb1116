package io.rnn4j.core;

/**
 * How a parameter's initial values are drawn. All draws come from a {@link RandomSource}, so a seed
 * fixes every weight.
 */
public enum Initializer {
    /** All zeros (biases). */
    ZEROS,
    /**
     * Glorot/Xavier uniform: {@code U(-a, a)} with {@code a = sqrt(6 / (fanIn + fanOut))}. For a
     * recurrent input matrix {@code [gates*hidden, input]} each gate block is treated as one
     * {@code [hidden, input]} matrix, as Keras does.
     */
    GLOROT_UNIFORM,
    /**
     * Orthogonal (Saxe et al. 2014, "Exact solutions to the nonlinear dynamics of learning in deep
     * linear neural networks"): each {@code [hidden, hidden]} gate block of a recurrent matrix is a
     * random orthogonal matrix (QR of a Gaussian matrix with the sign of R's diagonal fixed).
     */
    ORTHOGONAL,
    /**
     * PyTorch's default for recurrent layers: {@code U(-1/sqrt(hidden), 1/sqrt(hidden))} for every
     * weight and bias.
     */
    UNIFORM_FAN_IN;

    /**
     * Fills {@code t}, a matrix of {@code blocks} stacked {@code [rows/blocks, cols]} blocks (gates), or
     * a vector when {@code t.rank() == 1}.
     *
     * @param t      the tensor to fill
     * @param blocks number of stacked gate blocks along the rows (1 for a plain matrix)
     * @param hidden the hidden size used by {@link #UNIFORM_FAN_IN}
     * @param rng    the random source
     */
    public void fill(Tensor t, int blocks, int hidden, RandomSource rng) {
        switch (this) {
            case ZEROS -> t.fill(0f);
            case UNIFORM_FAN_IN -> {
                float a = (float) (1.0 / Math.sqrt(hidden));
                for (int i = 0; i < t.size(); i++) {
                    t.setFlat(i, rng.uniform(-a, a));
                }
            }
            case GLOROT_UNIFORM -> {
                int rows = t.rank() == 1 ? 1 : t.dim(0) / blocks;
                int cols = t.rank() == 1 ? t.size() : t.dim(1);
                float a = (float) Math.sqrt(6.0 / (rows + cols));
                for (int i = 0; i < t.size(); i++) {
                    t.setFlat(i, rng.uniform(-a, a));
                }
            }
            case ORTHOGONAL -> fillOrthogonal(t, blocks, rng);
            default -> throw new AssertionError(this);
        }
    }

    private static void fillOrthogonal(Tensor t, int blocks, RandomSource rng) {
        if (t.rank() != 2) {
            throw new IllegalArgumentException("orthogonal initialisation needs a matrix, got shape " + t.shape());
        }
        int rows = t.dim(0) / blocks;
        int cols = t.dim(1);
        for (int g = 0; g < blocks; g++) {
            double[][] q = orthogonal(rows, cols, rng);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    t.setFlat((g * rows + r) * cols + c, (float) q[r][c]);
                }
            }
        }
    }

    /** A rows x cols matrix with orthonormal rows (rows <= cols) or orthonormal columns (rows > cols). */
    static double[][] orthogonal(int rows, int cols, RandomSource rng) {
        boolean transpose = rows < cols;
        int n = transpose ? cols : rows; // tall dimension
        int m = transpose ? rows : cols; // number of orthonormal vectors
        // Modified Gram-Schmidt on m Gaussian vectors of length n == QR with positive diagonal of R.
        double[][] v = new double[m][n];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                v[j][i] = rng.nextGaussian();
            }
        }
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += v[j][i] * v[k][i];
                }
                for (int i = 0; i < n; i++) {
                    v[j][i] -= dot * v[k][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += v[j][i] * v[j][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                v[j][i] /= norm;
            }
        }
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = transpose ? v[r][c] : v[c][r];
            }
        }
        return out;
    }
}
