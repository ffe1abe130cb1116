package io.rnn4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {
    record Plugin(String id) {
    }

    record Other(String id) {
    }

    @Test
    void findsPluginsByIdInDiscoveryOrder() {
        PluginRegistry<Object> r = new PluginRegistry<>("thing", List.of(new Plugin("a"), new Other("b")),
                o -> o instanceof Plugin p ? p.id() : ((Other) o).id());
        assertThat(r.ids()).containsExactly("a", "b");
        assertThat(r.find("b")).containsInstanceOf(Other.class);
        assertThat(r.find("c")).isEmpty();
    }

    @Test
    void twoPluginsWithOneIdFailNamingBothClassesAndWhereTheyCameFrom() {
        assertThatThrownBy(() -> new PluginRegistry<Object>("data kind", List.of(new Plugin("x"), new Other("x")),
                o -> o instanceof Plugin p ? p.id() : ((Other) o).id()))
                .isInstanceOfSatisfying(Rnn4jException.class, e -> assertThat(e.id()).isEqualTo("RNN4J-PLUGIN-002"))
                .hasMessageStartingWith("RNN4J-PLUGIN-002: two data kinds have the id 'x':")
                .hasMessageContaining(Plugin.class.getName() + " from " + PluginRegistry.location(Plugin.class))
                .hasMessageContaining(Other.class.getName() + " from ");
    }

    @Test
    void anIdThatIsNotLowerCaseWithUnderscoresFails() {
        assertThatThrownBy(() -> new PluginRegistry<Plugin>("layer kind", List.of(new Plugin("Bad-Id")), Plugin::id))
                .hasMessageStartingWith("RNN4J-PLUGIN-003: layer kind " + Plugin.class.getName());
    }
}
