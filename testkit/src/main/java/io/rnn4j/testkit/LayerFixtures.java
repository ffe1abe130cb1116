package io.rnn4j.testkit;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.layers.DenseLayer;
import io.rnn4j.layers.DenseSpec;
import io.rnn4j.layers.EmbeddingLayer;
import io.rnn4j.layers.EmbeddingSpec;
import io.rnn4j.layers.RecurrentLayer;
import io.rnn4j.layers.RecurrentSpec;
import io.rnn4j.layers.RecurrentState;
import java.util.ArrayList;
import java.util.List;

/** Layers built the way a model builds them: declare, build the parameter set, bind, initialise. */
final class LayerFixtures {
    private LayerFixtures() {
    }

    /** A recurrent layer and its parameters. */
    record Recurrent(RecurrentLayer layer, ParameterSet params) {
    }

    /** A dense layer and its parameters. */
    record Dense(DenseLayer layer, ParameterSet params) {
    }

    /** An embedding layer and its parameters. */
    record Embedding(EmbeddingLayer layer, ParameterSet params) {
    }

    static Recurrent recurrent(Backend be, String name, RecurrentSpec spec, int inputSize, long seed) {
        ParameterSet.Builder b = ParameterSet.builder();
        RecurrentLayer.declare(b, name, spec, inputSize);
        ParameterSet params = b.build();
        RecurrentLayer layer = new RecurrentLayer(name, spec, inputSize, params, be);
        layer.initialize(new RandomSource(seed));
        return new Recurrent(layer, params);
    }

    static Dense dense(Backend be, String name, DenseSpec spec, int inputSize, long seed) {
        ParameterSet.Builder b = ParameterSet.builder();
        DenseLayer.declare(b, name, spec, inputSize);
        ParameterSet params = b.build();
        DenseLayer layer = new DenseLayer(name, spec, inputSize, params, be);
        layer.initialize(new RandomSource(seed));
        return new Dense(layer, params);
    }

    static Embedding embedding(Backend be, String name, EmbeddingSpec spec, long seed) {
        ParameterSet.Builder b = ParameterSet.builder();
        EmbeddingLayer.declare(b, name, spec);
        ParameterSet params = b.build();
        EmbeddingLayer layer = new EmbeddingLayer(name, spec, params, be);
        layer.initialize(new RandomSource(seed));
        return new Embedding(layer, params);
    }

    /** A random state of every stacked layer and direction, {@code [batch, units]} each. */
    static RecurrentState randomState(RandomSource r, RecurrentSpec spec, int batch, float lo, float hi) {
        int n = spec.layers() * spec.directions();
        List<Tensor> h = new ArrayList<>();
        List<Tensor> c = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            h.add(TestData.tensor(r, lo, hi, batch, spec.units()));
            if (spec.cell().hasCellState()) {
                c.add(TestData.tensor(r, lo, hi, batch, spec.units()));
            }
        }
        return new RecurrentState(h, c);
    }

    /** A deep copy of a state. */
    static RecurrentState copy(RecurrentState s) {
        return new RecurrentState(s.h().stream().map(Tensor::copy).toList(), s.c().stream().map(Tensor::copy).toList());
    }

    /** {@code sum(a * b)} in double. */
    static double dot(Tensor a, Tensor b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("dot of " + a.shape() + " and " + b.shape());
        }
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += (double) a.getFlat(i) * b.getFlat(i);
        }
        return s;
    }

    /** {@code sum_i dot(a_i, b_i)} over two states. */
    static double dot(RecurrentState a, RecurrentState b) {
        double s = 0;
        for (int i = 0; i < a.h().size(); i++) {
            s += dot(a.h().get(i), b.h().get(i));
        }
        for (int i = 0; i < a.c().size(); i++) {
            s += dot(a.c().get(i), b.c().get(i));
        }
        return s;
    }

    /** Sets the input features of every padded step to {@code value}. */
    static void fillPadding(Tensor seq, int[] lengths, float value) {
        int t = seq.dim(1);
        int f = seq.dim(2);
        for (int b = 0; b < lengths.length; b++) {
            for (int s = lengths[b]; s < t; s++) {
                for (int i = 0; i < f; i++) {
                    seq.setFlat((b * t + s) * f + i, value);
                }
            }
        }
    }
}
