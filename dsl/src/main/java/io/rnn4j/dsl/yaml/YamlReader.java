package io.rnn4j.dsl.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.diag.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML text into a {@link Node} tree that remembers where every key and value was written.
 *
 * <p>Safe with untrusted input: the size, nesting depth and number of values are limited
 * ({@link YamlLimits}); anchors and aliases are refused (an experiment file has no use for them, and
 * they are how "billion laughs" files blow up); tags never instantiate classes (values are only ever
 * text, numbers and booleans). Problems are reported as diagnostics, never as exceptions.
 */
public final class YamlReader {
    private final YamlLimits limits;

    /** A reader with the given limits. */
    public YamlReader(YamlLimits limits) {
        this.limits = limits;
    }

    /**
     * Parses one document.
     *
     * @param file  the name used in locations
     * @param text  the document
     * @param diags receives every problem
     * @return the root node, or {@code null} if the document could not be read
     */
    public Node read(String file, String text, Diagnostics diags) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxBytes()) {
            diags.error("RNN4J-DSL-020", SourceLocation.unknown(file), "",
                    "the file is " + bytes + " bytes; experiment files may be at most " + limits.maxBytes() + " bytes",
                    "hint: an experiment file describes data by path; it should not contain data itself");
            return null;
        }
        if (text.isBlank()) {
            diags.error("RNN4J-DSL-021", new SourceLocation(file, 1, 1), "", "the file is empty",
                    "hint: start from an example such as examples/sentiment/experiment.yaml; every file needs 'version: 1'");
            return null;
        }
        if (hasAnchorsOrAliases(file, text, diags)) {
            return null;
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(limits.maxDepth() + 1);
        options.setCodePointLimit(Math.max(limits.maxBytes(), 1024));
        options.setAllowDuplicateKeys(true); // detected below, with both locations
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(limits.maxDepth()).build())
                .build();
        try (YAMLParser p = factory.createParser(text)) {
            State s = new State(file, p, diags);
            JsonToken first = p.nextToken();
            if (first == null) {
                diags.error("RNN4J-DSL-021", new SourceLocation(file, 1, 1), "", "the file holds no YAML document",
                        "hint: every experiment file is a mapping that starts with 'version: 1'");
                return null;
            }
            Node root = s.value(first, 0);
            if (root != null && p.nextToken() != null) {
                diags.error("RNN4J-DSL-022", s.here(), "", "the file holds more than one YAML document",
                        "hint: keep one experiment per file and remove the '---' separator");
            }
            return root;
        } catch (StopParsing e) {
            return null;
        } catch (IOException | RuntimeException e) {
            diags.error("RNN4J-DSL-001", location(file, e), "", "the file is not valid YAML: " + firstLine(e.getMessage()),
                    "hint: check indentation and quoting near this line");
            return null;
        }
    }

    /**
     * Reports every anchor ({@code &a}) and alias ({@code *a}) from SnakeYAML's event stream, which sees
     * them on scalars too (Jackson's parser reports anchors only on collections and reads an alias as a
     * plain string). Syntax errors are left to the main parse, which reports them with their location.
     */
    private boolean hasAnchorsOrAliases(String file, String text, Diagnostics diags) {
        LoaderOptions options = new LoaderOptions();
        options.setNestingDepthLimit(limits.maxDepth() + 1);
        options.setCodePointLimit(Math.max(limits.maxBytes(), 1024));
        boolean found = false;
        try {
            int events = 0;
            for (org.yaml.snakeyaml.events.Event e : new org.yaml.snakeyaml.Yaml(options).parse(new java.io.StringReader(text))) {
                if (++events > 4L * limits.maxNodes()) {
                    break;
                }
                String anchor = null;
                boolean alias = false;
                if (e instanceof org.yaml.snakeyaml.events.AliasEvent a) {
                    anchor = a.getAnchor();
                    alias = true;
                } else if (e instanceof org.yaml.snakeyaml.events.NodeEvent n) {
                    anchor = n.getAnchor();
                }
                if (anchor != null) {
                    found = true;
                    SourceLocation at = new SourceLocation(file, e.getStartMark().getLine() + 1, e.getStartMark().getColumn() + 1);
                    diags.error("RNN4J-DSL-025", at, "", "YAML " + (alias ? "aliases (*" : "anchors (&") + anchor
                            + ") are not supported", "hint: write the value out; to share options between layers use the "
                            + "'defaults:' block of 'model'");
                }
            }
        } catch (RuntimeException e) {
            return found; // a syntax error: the main parse reports it
        }
        return found;
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "unreadable input";
        }
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }

    private static SourceLocation location(String file, Exception e) {
        if (e instanceof com.fasterxml.jackson.core.JacksonException je && je.getLocation() != null) {
            JsonLocation l = je.getLocation();
            return new SourceLocation(file, Math.max(l.getLineNr(), 0), Math.max(l.getColumnNr(), 0));
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        java.util.regex.Matcher mm = java.util.regex.Pattern.compile("line (\\d+), column (\\d+)").matcher(m);
        if (mm.find()) {
            return new SourceLocation(file, Integer.parseInt(mm.group(1)), Integer.parseInt(mm.group(2)));
        }
        return SourceLocation.unknown(file);
    }

    /** Thrown internally to stop at a limit, after the diagnostic was recorded. */
    private static final class StopParsing extends RuntimeException {
        StopParsing() {
            super(null, null, false, false);
        }
    }

    private final class State {
        private final String file;
        private final YAMLParser p;
        private final Diagnostics diags;
        private int nodes;

        State(String file, YAMLParser p, Diagnostics diags) {
            this.file = file;
            this.p = p;
            this.diags = diags;
        }

        SourceLocation here() {
            JsonLocation l = p.currentTokenLocation();
            return new SourceLocation(file, l.getLineNr(), l.getColumnNr());
        }

        Node value(JsonToken t, int depth) throws IOException {
            if (++nodes > limits.maxNodes()) {
                diags.error("RNN4J-DSL-023", here(), "", "the file holds more than " + limits.maxNodes() + " values",
                        "hint: an experiment file describes data by path; it should not contain data itself");
                throw new StopParsing();
            }
            if (depth > limits.maxDepth()) {
                diags.error("RNN4J-DSL-024", here(), "", "values are nested more than " + limits.maxDepth() + " deep",
                        "hint: experiment files need only a few levels of nesting");
                throw new StopParsing();
            }
            SourceLocation at = here();
            Object anchor = p.getObjectId() != null ? p.getObjectId() : p.getCurrentAnchor();
            if (anchor != null) {
                diags.error("RNN4J-DSL-025", at, "", "YAML anchors (&" + anchor + ") are not supported",
                        "hint: write the value out; to share options between layers use the 'defaults:' block of 'model'");
            }
            return switch (t) {
                case START_OBJECT -> map(at, depth);
                case START_ARRAY -> seq(at, depth);
                case VALUE_STRING -> new Node.Scalar(at, p.getText(), Node.ScalarType.STRING);
                case VALUE_NUMBER_INT -> new Node.Scalar(at, p.getText(), Node.ScalarType.INTEGER);
                case VALUE_NUMBER_FLOAT -> new Node.Scalar(at, p.getText(), Node.ScalarType.FLOAT);
                case VALUE_TRUE, VALUE_FALSE -> new Node.Scalar(at, p.getText(), Node.ScalarType.BOOLEAN);
                case VALUE_NULL -> new Node.Scalar(at, null, Node.ScalarType.NULL);
                case VALUE_EMBEDDED_OBJECT -> new Node.Scalar(at, String.valueOf(p.getEmbeddedObject()),
                        Node.ScalarType.STRING);
                default -> throw new IOException("unexpected YAML token " + t);
            };
        }

        private Node map(SourceLocation at, int depth) throws IOException {
            Map<String, Node> entries = new LinkedHashMap<>();
            Map<String, SourceLocation> keys = new LinkedHashMap<>();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                SourceLocation keyAt = here();
                Node v = value(p.nextToken(), depth + 1);
                if (keys.containsKey(key)) {
                    diags.error("RNN4J-DSL-002", keyAt, "", "duplicate key '" + key + "' (first written at line "
                            + keys.get(key).line() + ")", "hint: keep one of the two; YAML keeps only the last one");
                    continue;
                }
                entries.put(key, v);
                keys.put(key, keyAt);
            }
            if (t != JsonToken.END_OBJECT) {
                throw new IOException("unexpected YAML token " + t + " in a mapping");
            }
            return new Node.MapNode(at, entries, keys);
        }

        private Node seq(SourceLocation at, int depth) throws IOException {
            List<Node> items = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new IOException("unexpected end of a list");
                }
                items.add(value(t, depth + 1));
            }
            return new Node.SeqNode(at, items);
        }
    }
}
