package io.rnn4j.dsl.yaml;

/**
 * Limits that make parsing safe with untrusted files.
 *
 * @param maxBytes  largest accepted file ({@code rnn4j.yaml.max-bytes})
 * @param maxDepth  deepest nesting of mappings and lists
 * @param maxNodes  most values in one document
 */
public record YamlLimits(int maxBytes, int maxDepth, int maxNodes) {

    /** 1 MiB, depth 64, 100,000 values: far above any real experiment file. */
    public static YamlLimits defaults() {
        return new YamlLimits(1 << 20, 64, 100_000);
    }
}
