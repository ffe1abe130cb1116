package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The BOM pins every published rnn4j module, at this build's version, and nothing else. */
class BomTest {
    /** Modules that are not libraries a user depends on. */
    private static final Set<String> UNPUBLISHED = Set.of("bom", "dist", "examples", "integration-tests",
            "integration-tests/plugin-fixture");

    private static final Path ROOT = Path.of(System.getProperty("rnn4j.repository"));

    @Test
    void bomListsEveryLibraryModuleOfTheReactorAtThisVersion() throws Exception {
        List<String> expected = new ArrayList<>();
        for (String module : children(load(ROOT.resolve("pom.xml")).getDocumentElement(), "modules", "module")) {
            if (!UNPUBLISHED.contains(module)) {
                expected.add(child(load(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement(), "artifactId"));
            }
        }
        Element bom = load(ROOT.resolve("bom/pom.xml")).getDocumentElement();
        assertThat(child(bom, "version")).isEqualTo(System.getProperty("rnn4j.version"));
        assertThat(child(bom, "parent")).as("the BOM must not import rnn4j-parent's third-party pins").isNull();
        Element managed = (Element) bom.getElementsByTagName("dependencyManagement").item(0);
        NodeList deps = managed.getElementsByTagName("dependency");
        List<String> pinned = new ArrayList<>();
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertThat(child(d, "groupId")).isEqualTo("io.rnn4j");
            assertThat(child(d, "version")).isEqualTo("${project.version}");
            pinned.add(child(d, "artifactId"));
        }
        assertThat(pinned).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static Document load(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static String child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c.getTextContent().trim();
            }
        }
        return null;
    }

    private static List<String> children(Element e, String list, String item) {
        Element l = (Element) e.getElementsByTagName(list).item(0);
        List<String> out = new ArrayList<>();
        NodeList items = l.getElementsByTagName(item);
        for (int i = 0; i < items.getLength(); i++) {
            out.add(items.item(i).getTextContent().trim());
        }
        return out;
    }
}
