package io.rnn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.loss.Loss;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.spec.DistributedSpec;
import io.rnn4j.core.spec.TrainingSpec;
import io.rnn4j.core.spi.Backend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * Every backend a distributed run opens is closed (worker threads, native sessions): the executors' when
 * {@code fit} ends, the driver's when the trainer is closed (a {@code rnn4j train} run closes it with its Spark
 * context). Backends are counted through a recipe whose networks run on a counting proxy of the cpu backend.
 */
class BackendCloseTest {
    static final AtomicInteger OPENED = new AtomicInteger();
    static final AtomicInteger CLOSED = new AtomicInteger();

    /** {@link Models.Recipe}'s model on a backend that counts its {@code close} calls (local mode: one JVM). */
    record Counting(Models.Recipe inner) implements ModelRecipe {
        private static final long serialVersionUID = 1L;

        @Override
        public Network network(int threads) {
            Network n = inner.network(threads);
            Backend real = n.backend();
            Backend counted = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close") && method.getParameterCount() == 0) {
                            CLOSED.incrementAndGet();
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            Network out = new Network(n.graph(), counted);
            float[] w = n.parameters().values();
            System.arraycopy(w, 0, out.parameters().values(), 0, w.length);
            OPENED.incrementAndGet();
            return out;
        }

        @Override
        public TrainingSpec training() {
            return inner.training();
        }

        @Override
        public Loss loss() {
            return inner.loss();
        }
    }

    @Test
    void theExecutorsBackendsCloseAfterFitAndTheDriversWithTheTrainer() {
        JavaSparkContext spark = Spark.local();
        try {
            Models.Recipe inner = new Models.Recipe(Models.Kind.LSTM_CLASSIFIER, true, 1, 11);
            SparkTrainer t = new SparkTrainer(spark, new Counting(inner), new DistributedSpec(DistributedSpec.Engine.SPARK,
                    null, 2, DistributedSpec.Strategy.SYNC, 1), 7, List.of(), 3, List.of(), 1);
            t.fit(Models.data(Models.Kind.LSTM_CLASSIFIER, 30, 5), null);
            int opened = OPENED.get();
            assertThat(opened).as("the driver's network and at least one per worker").isGreaterThanOrEqualTo(2);
            assertThat(CLOSED.get()).as("after fit: every executor network closed, the driver's still open")
                    .isEqualTo(opened - 1);
            t.close();
            assertThat(CLOSED.get()).as("after close: the driver's too").isEqualTo(opened);
        } finally {
            spark.stop();
        }
    }
}
