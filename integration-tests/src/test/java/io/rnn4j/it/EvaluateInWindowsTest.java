package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.rnn4j.core.spi.StreamedSplit;
import io.rnn4j.runtime.ExperimentRunner;
import io.rnn4j.runtime.ModelLoader;
import io.rnn4j.runtime.ModelService;
import io.rnn4j.runtime.Rnn4jModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code evaluate --data FILE} reads the file in windows (issue 10: memory that does not grow with the rows):
 * for every data kind that reads its file in windows, the loss, every metric and the task's report equal
 * those of the whole file read at once as the test split (the path {@code evaluate} took before), for
 * windows of one batch, of several batches and larger than the file. The kinds that still read whole files
 * are named in {@link #WHOLE}; the test fails if one of them starts streaming without being added here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluateInWindowsTest {
    /** Kinds whose evaluate --data reads the whole file (see the README section on evaluate's memory). */
    static final List<String> WHOLE = List.of("text");

    @TempDir
    Path dir;

    private ExperimentRunner runner;
    private ModelLoader loader;

    @BeforeAll
    void setUp() {
        Injector injector = Guice.createInjector(new Rnn4jModule(getClass().getClassLoader()));
        runner = injector.getInstance(ExperimentRunner.class);
        loader = injector.getInstance(ModelLoader.class);
    }

    /** Every case of the move test, each with a file to evaluate on. */
    static Stream<MoveModelTest.Case> kinds() {
        return MoveModelTest.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theFileReadInWindowsGivesTheFiguresOfTheWholeFile(MoveModelTest.Case c) throws Exception {
        Path project = Files.createDirectories(dir.resolve(c.name()));
        c.data().write(project);
        Path exp = project.resolve("experiment.yaml");
        Files.writeString(exp, c.yaml(), StandardCharsets.UTF_8);
        Path model = runner.train(exp, new ExperimentRunner.TrainOptions(project.resolve("out"), null, List.of(), 1,
                List.of())).archive();
        Path file = project.resolve(c.evalFile());

        ModelService.Evaluation whole;
        try (ModelLoader.Loaded m = loader.loadWithData(model, null, List.of("data.test=" + file.toAbsolutePath()))) {
            whole = ModelService.evaluate(m, null);
        }
        try (ModelLoader.Loaded m = loader.load(model, null)) {
            int batch = m.prepared().spec().training().batchSize();
            Optional<StreamedSplit> probe = loader.stream(m, file, batch);
            probe.ifPresent(StreamedSplit::close);
            if (WHOLE.contains(c.name())) {
                assertThat(probe).as(c.name() + " is listed as reading whole files").isEmpty();
                return;
            }
            assertThat(probe).as(c.name() + " reads --data in windows").isPresent();
            for (int window : new int[] {batch, 3 * batch, 100_000}) {
                try (StreamedSplit s = loader.stream(m, file, window).orElseThrow()) {
                    ModelService.Evaluation streamed = ModelService.evaluateInWindows(m, s);
                    String as = c.name() + ", windows of " + window;
                    assertThat(s.examples()).as(as).isGreaterThan(window == batch ? 3 * batch : 0);
                    assertThat(streamed.split()).as(as).isEqualTo(whole.split());
                    assertThat(streamed.metrics().keySet()).as(as).containsExactlyElementsOf(whole.metrics().keySet());
                    for (Map.Entry<String, Double> e : whole.metrics().entrySet()) {
                        assertThat(streamed.metrics().get(e.getKey())).as(as + ": " + e.getKey())
                                .isCloseTo(e.getValue(), within(1e-9));
                    }
                    // field by field (a forecast's report holds arrays: the plot's tracks, NaN where no forecast)
                    assertThat(streamed.report()).as(as + ": the report").usingRecursiveComparison()
                            .withComparatorForType(Double::compare, Double.class).isEqualTo(whole.report());
                }
            }
        }
    }
}
