package io.rnn4j.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.spec.DistributedSpec;
import org.junit.jupiter.api.Test;

/** The optional {@code distributed:} section: absent by default, defaults resolved, rendered back. */
class DistributedSectionTest {
    private final ExperimentLoader loader = new ExperimentLoader(LayerKindRegistry.discover(getClass().getClassLoader()),
            io.rnn4j.core.data.DataKindRegistry.discover(getClass().getClassLoader()));

    private static final String BASE = """
            version: 1
            name: d
            data: {type: sequences, train: t.jsonl}
            model:
              layers: [{lstm: {units: 4}}]
              head: {many_to_one: {classes: 2}}
            """;

    @Test
    void withoutTheSectionTrainingIsNotDistributed() {
        assertThat(loader.parse("x.yaml", BASE).spec().distributed()).isNull();
    }

    @Test
    void theSectionResolvesItsDefaultsAndRendersBackToTheSameSpec() {
        ExperimentSpec s = loader.parse("x.yaml", BASE + "distributed: {strategy: local_sgd, sync_every: 8}\n").spec();

        assertThat(s.distributed()).isEqualTo(new DistributedSpec(DistributedSpec.Engine.SPARK, null, 2,
                DistributedSpec.Strategy.LOCAL_SGD, 8));
        String rendered = SpecWriter.toYaml(s);
        assertThat(rendered).contains("distributed:").contains("strategy: local_sgd").contains("sync_every: 8");
        assertThat(loader.parse("rendered.yaml", rendered).spec()).isEqualTo(s);
    }

    @Test
    void anEmptySectionIsExactSyncOnTwoWorkers() {
        DistributedSpec d = loader.parse("x.yaml", BASE + "distributed: {master: \"local[4]\"}\n").spec().distributed();

        assertThat(d).isEqualTo(new DistributedSpec(DistributedSpec.Engine.SPARK, "local[4]", 2,
                DistributedSpec.Strategy.SYNC, 1));
    }
}
