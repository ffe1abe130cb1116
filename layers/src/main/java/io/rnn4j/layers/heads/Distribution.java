package io.rnn4j.layers.heads;

/**
 * What a regression head forecasts for each output. YAML: {@code distribution: gaussian}.
 */
public enum Distribution {
    /** One value per output (a point forecast). */
    NONE,
    /**
     * A Gaussian per output, like DeepAR (Salinas et al. 2020): the head gives a mean and a scale
     * {@code softplus(z) > 0} per output ({@code [means..., scales...]}), trained with the Gaussian
     * negative log-likelihood ({@code gaussian_nll}).
     */
    GAUSSIAN
}
