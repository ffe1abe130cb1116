package io.rnn4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.DiscoveredBackend;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnn4j backends}: what was discovered, with version, capabilities and jar. */
@Command(name = "backends", description = "List the discovered backends: id, version, priority, capabilities, "
        + "description, and the jar each came from.")
final class BackendsCommand implements Callable<Integer> {
    private final BackendRegistry registry;

    @Option(names = "--json", description = "One JSON array.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Inject
    BackendsCommand(BackendRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String chosen = null;
        try {
            chosen = registry.choose(null).id();
        } catch (RuntimeException e) {
            chosen = null;
        }
        ArrayNode arr = new ObjectMapper().createArrayNode();
        if (!json) {
            out.println(String.format(Locale.ROOT, "%-12s %-16s %8s  %-11s %s", "id", "version", "priority", "available",
                    "capabilities"));
        }
        for (DiscoveredBackend d : registry.backends()) {
            String caps = "";
            if (d.available()) {
                try (Backend b = d.provider().create(BackendOptions.threads(1))) {
                    caps = b.capabilities().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).sorted()
                            .collect(Collectors.joining(","));
                }
            }
            if (json) {
                ObjectNode o = arr.addObject();
                o.put("id", d.id()).put("version", d.version()).put("priority", d.priority())
                        .put("available", d.available()).put("default", d.id().equals(chosen)).put("capabilities", caps)
                        .put("description", d.provider().description()).put("location", d.location());
                if (!d.available()) {
                    o.put("reason", d.reason());
                }
            } else {
                out.println(String.format(Locale.ROOT, "%-12s %-16s %8d  %-11s %s%s", d.id(), d.version(), d.priority(),
                        d.available() ? "yes" : "no", caps, d.id().equals(chosen) ? "   (default)" : ""));
                out.println("             " + d.provider().description());
                out.println("             from " + d.location() + (d.available() ? "" : "; " + d.reason()));
            }
        }
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(arr));
        }
        out.flush();
        return 0;
    }
}
