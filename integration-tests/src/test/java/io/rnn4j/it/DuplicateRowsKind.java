package io.rnn4j.it;

import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.DataContext;
import io.rnn4j.core.spi.DataKind;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.it.plugin.VectorRowsData;
import io.rnn4j.it.plugin.VectorRowsKind;
import java.util.Map;

/** A second data kind with the plugin fixture's id, for the duplicate-id test. */
public final class DuplicateRowsKind implements DataKind<VectorRowsData> {
    private final VectorRowsKind delegate = new VectorRowsKind();

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public Class<VectorRowsData> specType() {
        return delegate.specType();
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public ValueType inputType(VectorRowsData spec) {
        return delegate.inputType(spec);
    }

    @Override
    public LoadedData load(VectorRowsData spec, DataContext context) {
        return delegate.load(spec, context);
    }

    @Override
    public LoadedData loadWith(VectorRowsData spec, DataContext context, DataPipeline fitted) {
        return delegate.loadWith(spec, context, fitted);
    }

    @Override
    public DataPipeline restore(VectorRowsData spec, Map<String, byte[]> stored, String source) {
        return delegate.restore(spec, stored, source);
    }
}
