package io.rnn4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.BackendProvider;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BackendRegistryTest {
    private static final Function<String, String> NO_ENV = name -> null;

    /** A provider with a given id, priority and availability that counts how often it creates a backend. */
    static class FakeProvider implements BackendProvider {
        final String id;
        final int priority;
        final boolean available;
        int created;

        FakeProvider(String id, int priority, boolean available) {
            this.id = id;
            this.priority = priority;
            this.available = available;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public boolean isAvailable() {
            return available;
        }

        @Override
        public String unavailableReason() {
            return "no " + id + " device found";
        }

        @Override
        public Backend create(BackendOptions options) {
            created++;
            // Only id() is needed here; a proxy spares implementing every primitive.
            return (Backend) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Backend.class},
                    (proxy, method, args) -> method.getName().equals("id") ? id : null);
        }
    }

    /** A second provider class, to show that a duplicate-id message names both classes. */
    static final class OtherFakeProvider extends FakeProvider {
        OtherFakeProvider(String id) {
            super(id, 1, true);
        }
    }

    /** A provider whose availability check itself fails. */
    static final class ThrowingProvider extends FakeProvider {
        ThrowingProvider(String id, int priority) {
            super(id, priority, true);
        }

        @Override
        public boolean isAvailable() {
            throw new UnsatisfiedLinkError("libfast.so: cannot open shared object file");
        }
    }

    private static FakeProvider provider(String id, int priority) {
        return new FakeProvider(id, priority, true);
    }

    private static BackendRegistry registry(Function<String, String> env, BackendProvider... providers) {
        return new BackendRegistry(List.of(providers), env);
    }

    private static Function<String, String> env(String backend) {
        return Map.of(BackendRegistry.ENV_VAR, backend)::get;
    }

    @Test
    void twoProvidersWithOneIdFailNamingBothClasses() {
        assertThatThrownBy(() -> registry(NO_ENV, provider("fast", 5), new OtherFakeProvider("fast")))
                .isInstanceOfSatisfying(Rnn4jException.class, e -> assertThat(e.id()).isEqualTo("RNN4J-PLUGIN-002"))
                .hasMessageStartingWith("RNN4J-PLUGIN-002: two backend providers have the id 'fast'")
                .hasMessageContaining(FakeProvider.class.getName() + " from ")
                .hasMessageContaining(OtherFakeProvider.class.getName() + " from ");
    }

    @Test
    void anUnknownIdFailsListingTheDiscoveredIds() {
        BackendRegistry registry = registry(NO_ENV, provider("cpu", 10), provider("fast", 50));
        assertThatThrownBy(() -> registry.choose("gpu"))
                .isInstanceOfSatisfying(Rnn4jException.class, e -> assertThat(e.id()).isEqualTo("RNN4J-BACKEND-002"))
                .hasMessageStartingWith("RNN4J-BACKEND-002: no backend with id 'gpu' (chosen by the explicit choice) "
                        + "is on the class path.")
                .hasMessageContaining("\n  cpu dev (priority 10, available) from ")
                .hasMessageContaining("\n  fast dev (priority 50, available) from ");
        assertThatThrownBy(() -> registry(env("gpu"), provider("cpu", 10)).choose(null))
                .isInstanceOfSatisfying(Rnn4jException.class, e -> assertThat(e.id()).isEqualTo("RNN4J-BACKEND-002"))
                .hasMessageStartingWith("RNN4J-BACKEND-002: no backend with id 'gpu' (chosen by the environment "
                        + "variable RNN4J_BACKEND) is on the class path.");
    }

    @Test
    void anExplicitChoiceBeatsTheEnvironmentVariableWhichBeatsPriority() {
        BackendRegistry registry = registry(env("mid"), provider("low", 1), provider("high", 9), provider("mid", 5));
        assertThat(registry.choose("low").id()).isEqualTo("low");
        assertThat(registry.choose(null).id()).isEqualTo("mid");
        assertThat(registry.choose("  ").id()).as("a blank choice is no choice").isEqualTo("mid");
        assertThat(registry(env(" "), provider("low", 1), provider("high", 9)).choose(null).id()).isEqualTo("high");
    }

    @Test
    void theAvailableBackendWithTheHighestPriorityWins() {
        BackendRegistry registry = registry(NO_ENV, provider("cpu", 10), new FakeProvider("gpu", 100, false),
                provider("fast", 50));
        assertThat(registry.choose(null).id()).isEqualTo("fast");
        assertThat(registry.backends()).extracting(DiscoveredBackend::id).containsExactly("gpu", "fast", "cpu");
    }

    @Test
    void anUnavailableExplicitChoiceFailsWithTheReason() {
        BackendRegistry registry = registry(NO_ENV, provider("cpu", 10), new FakeProvider("gpu", 100, false));
        assertThatThrownBy(() -> registry.choose("gpu"))
                .isInstanceOfSatisfying(Rnn4jException.class, e -> assertThat(e.id()).isEqualTo("RNN4J-BACKEND-003"))
                .hasMessageStartingWith("RNN4J-BACKEND-003: backend 'gpu' (chosen by the explicit choice) cannot run"
                        + " here: no gpu device found. ");
        assertThatThrownBy(() -> registry(env("gpu"), new FakeProvider("gpu", 100, false)).choose(null))
                .hasMessageContaining("(chosen by the environment variable RNN4J_BACKEND)");
    }

    @Test
    void noAvailableBackendFails() {
        assertThatThrownBy(() -> registry(NO_ENV, new FakeProvider("gpu", 100, false)).choose(null))
                .isInstanceOfSatisfying(Rnn4jException.class, e -> assertThat(e.id()).isEqualTo("RNN4J-BACKEND-004"))
                .hasMessageContaining("gpu dev (priority 100, unavailable: no gpu device found)")
                .hasMessageEndingWith("Add rnn4j-backend-cpu (the reference backend) to the class path.");
        assertThatThrownBy(() -> registry(NO_ENV).choose(null))
                .isInstanceOfSatisfying(Rnn4jException.class, e -> assertThat(e.id()).isEqualTo("RNN4J-BACKEND-004"))
                .hasMessageContaining("No backend was discovered");
    }

    @Test
    void anAvailabilityCheckThatThrowsCountsAsUnavailable() {
        BackendRegistry registry = registry(NO_ENV, provider("cpu", 10), new ThrowingProvider("fast", 50));
        DiscoveredBackend fast = registry.get("fast");
        assertThat(fast.available()).isFalse();
        assertThat(fast.reason()).isEqualTo("availability check failed: java.lang.UnsatisfiedLinkError:"
                + " libfast.so: cannot open shared object file");
        assertThat(registry.choose(null).id()).isEqualTo("cpu");
        assertThatThrownBy(() -> registry.choose("fast")).hasMessageContaining("libfast.so");
    }

    @Test
    void choosingCreatesNothingAndSelectingCreatesTheChosenBackendOnce() {
        FakeProvider cpu = provider("cpu", 10);
        FakeProvider fast = provider("fast", 50);
        BackendRegistry registry = registry(NO_ENV, cpu, fast);
        registry.choose(null);
        assertThat(cpu.created + fast.created).isZero();
        assertThat(registry.select("cpu", BackendOptions.threads(1)).id()).isEqualTo("cpu");
        assertThat(cpu.created).isEqualTo(1);
        assertThat(fast.created).isZero();
    }

    @Test
    void discoveredBackendsRecordVersionClassAndLocation() {
        DiscoveredBackend d = registry(NO_ENV, provider("cpu", 10)).get("cpu");
        assertThat(d.version()).isEqualTo("dev");
        assertThat(d.providerClass()).isEqualTo(FakeProvider.class.getName());
        assertThat(d.location()).contains("test-classes");
        assertThat(d.describe()).isEqualTo("cpu dev (priority 10, available) from " + d.location());
    }
}
