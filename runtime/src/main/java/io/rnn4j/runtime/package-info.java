/**
 * The composition root of the rnn4j application: Guice modules that bind the backends and layer kinds
 * discovered by {@link java.util.ServiceLoader} into map bindings, and provide the registries, the
 * experiment loader and the schema exporter built from them. Guice lives only here (and in the CLI);
 * every library class takes its collaborators in its constructor and works without Guice.
 */
package io.rnn4j.runtime;
