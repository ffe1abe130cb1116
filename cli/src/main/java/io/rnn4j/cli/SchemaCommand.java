package io.rnn4j.cli;

import io.rnn4j.dsl.ExperimentSpec;
import io.rnn4j.dsl.schema.SchemaExporter;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnn4j schema}: the JSON Schema of experiment files, including plugin layer kinds. */
@Command(name = "schema", description = "Print the JSON Schema of experiment files (plugin layer kinds included).")
final class SchemaCommand implements Callable<Integer> {
    private final SchemaExporter exporter;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of the standard output.")
    Path output;

    @Spec
    CommandSpec spec;

    @Inject
    SchemaCommand(SchemaExporter exporter) {
        this.exporter = exporter;
    }

    @Override
    public Integer call() throws IOException {
        String json = exporter.schemaJson(ExperimentSpec.class, "rnn4j experiment");
        if (output == null) {
            spec.commandLine().getOut().print(json);
            spec.commandLine().getOut().flush();
        } else {
            try {
                if (output.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(output.toAbsolutePath().getParent());
                }
                Files.writeString(output, json, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new io.rnn4j.core.Rnn4jException("RNN4J-RUN-016", "cannot write " + output + " (" + e
                        + "); choose another --output");
            }
            spec.commandLine().getOut().println("wrote " + output);
        }
        return 0;
    }
}
