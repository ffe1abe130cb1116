package io.rnn4j.dsl.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.diag.Diagnostic;
import io.rnn4j.core.diag.Diagnostics;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlReaderTest {
    private final YamlReader reader = new YamlReader(YamlLimits.defaults());

    private List<String> problems(String yaml) {
        Diagnostics d = new Diagnostics();
        reader.read("x.yaml", yaml, d);
        return d.sorted().stream().map(Diagnostic::format).toList();
    }

    @Test
    void everyKeyAndValueRemembersItsLineAndColumn() {
        Diagnostics d = new Diagnostics();
        Node root = reader.read("x.yaml", "a: 1\nb:\n  c: [x, 2.5]\n", d);
        assertThat(d.size()).isZero();
        Node.MapNode m = (Node.MapNode) root;
        assertThat(m.keyLocations().get("b").toString()).isEqualTo("x.yaml:2:1");
        Node.MapNode b = (Node.MapNode) m.entries().get("b");
        Node.SeqNode c = (Node.SeqNode) b.entries().get("c");
        assertThat(c.items().get(1)).isInstanceOfSatisfying(Node.Scalar.class, s -> {
            assertThat(s.type()).isEqualTo(Node.ScalarType.FLOAT);
            assertThat(s.location().toString()).isEqualTo("x.yaml:3:10");
        });
    }

    @Test
    void duplicateKeysAreReportedWithBothLines() {
        assertThat(problems("a: 1\nb: 2\na: 3\n")).containsExactly(
                "x.yaml:3:1: error RNN4J-DSL-002: duplicate key 'a' (first written at line 1)\n"
                        + "  hint: keep one of the two; YAML keeps only the last one");
    }

    @Test
    void aBillionLaughsFileIsRefusedQuickly() {
        StringBuilder sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            sb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                sb.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            sb.append("]\n");
            prev = c;
        }
        long start = System.nanoTime();
        List<String> p = problems(sb.toString());
        assertThat(p).isNotEmpty();
        assertThat(p.get(0)).contains("RNN4J-DSL-0");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void anchorsAndAliasesOnScalarsAreRefusedWithTheirLocation() {
        assertThat(problems("a: &x 5\nb: *x\n")).containsExactly(
                "x.yaml:1:4: error RNN4J-DSL-025: YAML anchors (&x) are not supported\n"
                        + "  hint: write the value out; to share options between layers use the 'defaults:' block of 'model'",
                "x.yaml:2:4: error RNN4J-DSL-025: YAML aliases (*x) are not supported\n"
                        + "  hint: write the value out; to share options between layers use the 'defaults:' block of 'model'");
    }

    @Test
    void anEmptyFileIsAnError() {
        assertThat(problems("  \n")).singleElement().asString().contains("RNN4J-DSL-021", "the file is empty");
    }

    @Test
    void invalidYamlNamesTheLine() {
        assertThat(problems("a: [1, 2\nb: 3\n")).singleElement().asString()
                .startsWith("x.yaml:").contains("RNN4J-DSL-001", "not valid YAML");
    }

    @Test
    void tagsNeverInstantiateClasses() {
        Diagnostics d = new Diagnostics();
        Node n = reader.read("x.yaml", "a: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]\n", d);
        // the tags are ignored: the value is plain nested lists ending in the text, never an object
        assertThat(d.hasErrors()).isFalse();
        Node v = ((Node.MapNode) n).entries().get("a");
        for (int depth = 0; depth < 4; depth++) {
            assertThat(v).isInstanceOf(Node.SeqNode.class);
            v = ((Node.SeqNode) v).items().get(0);
        }
        assertThat(v).isEqualTo(new Node.Scalar(v.location(), "http://x/", Node.ScalarType.STRING));
    }

    @Test
    void deepNestingIsRefused() {
        String yaml = "a: " + "[".repeat(200) + "]".repeat(200) + "\n";
        assertThat(problems(yaml)).isNotEmpty().first().asString().contains("RNN4J-DSL-0");
    }

    @Test
    void oversizedFilesAreRefusedBeforeParsing() {
        YamlReader small = new YamlReader(new YamlLimits(100, 64, 1000));
        Diagnostics d = new Diagnostics();
        small.read("x.yaml", "a: " + "x".repeat(200), d);
        assertThat(d.sorted()).singleElement().extracting(Diagnostic::id).isEqualTo("RNN4J-DSL-020");
    }
}
