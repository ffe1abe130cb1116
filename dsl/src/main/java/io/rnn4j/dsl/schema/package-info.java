/**
 * The JSON Schema of experiment files, generated from the spec records by the victools
 * jsonschema-generator and the layer kinds of a registry (plugins included). The published copy is
 * {@code dsl/schema/experiment.schema.json}; a test keeps it equal to the generated one.
 */
package io.rnn4j.dsl.schema;
