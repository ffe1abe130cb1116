package io.rnn4j.spark;

import com.google.inject.Guice;
import io.rnn4j.runtime.ModelLoader;
import io.rnn4j.runtime.Rnn4jModule;

/**
 * The rnn4j application of one executor JVM, assembled once from the same Guice module as the command
 * line ({@link Rnn4jModule}: the plugins discovered on the task's class loader, which on a cluster is the
 * one that holds the application jar). An executor is an application of its own, so this is its
 * composition root; library classes still take their collaborators in constructors.
 */
final class ExecutorApp {
    private static volatile ModelLoader loader;

    private ExecutorApp() {
    }

    /** The executor's model loader. */
    static ModelLoader modelLoader() {
        ModelLoader l = loader;
        if (l == null) {
            synchronized (ExecutorApp.class) {
                l = loader;
                if (l == null) {
                    ClassLoader cl = Thread.currentThread().getContextClassLoader();
                    l = Guice.createInjector(new Rnn4jModule(cl != null ? cl : ExecutorApp.class.getClassLoader()))
                            .getInstance(ModelLoader.class);
                    loader = l;
                }
            }
        }
        return l;
    }
}
