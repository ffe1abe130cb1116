package io.rnn4j.it.plugin;

import io.rnn4j.core.spec.DataSpec;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.Required;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spec.Variant;

/**
 * {@code type: vector_rows}: a third-party data kind's options. A CSV with a header; every row is one
 * example: the {@code label} column is its class, the other columns, in order, its steps (one feature each).
 *
 * @param train      the CSV
 * @param validation a file, or the last fraction of the rows
 * @param test       a file, or the last fraction of the rows (taken before validation)
 * @param label      the label column
 */
@Variant("vector_rows")
@Doc("A CSV whose rows are fixed-length vectors with a class label (a plugin's data kind).")
public record VectorRowsData(
        @Doc("The CSV file.") @Required String train,
        @Doc("Validation: a file, or the last fraction of the rows.") SplitSource validation,
        @Doc("Test: a file, or the last fraction of the rows.") SplitSource test,
        @Doc("The label column.") @Default("label") String label) implements DataSpec {
}
