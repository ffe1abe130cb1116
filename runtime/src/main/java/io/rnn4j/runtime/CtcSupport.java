package io.rnn4j.runtime;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.ctc.CtcDecoder;
import io.rnn4j.core.ctc.CtcSettings;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spi.LabelSequences;
import io.rnn4j.core.spi.LayerKind;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.TrainBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the runtime does for a head trained with CTC, asked of the head's kind ({@link LayerKind#ctc}):
 * the data's label sequences ({@code 0..labels-1}, padded with -1) become the head's output indices
 * (the blank skipped) before the loss sees them, and a prediction is decoded greedily and by beam search
 * into text through the pipeline's {@link LabelSequences}.
 */
final class CtcSupport {
    private CtcSupport() {
    }

    /** The head's CTC settings, if its kind has them. */
    static Optional<CtcSettings> of(LayerGraph graph) {
        return settings(graph.head().kind(), graph.head().spec());
    }

    @SuppressWarnings("unchecked")
    private static <S extends LayerSpec> Optional<CtcSettings> settings(LayerKind<S> kind, LayerSpec spec) {
        return kind.ctc((S) spec);
    }

    /**
     * Batches whose label-sequence targets are mapped to the head's output indices. A source that gives the
     * same batches every epoch is mapped once (on first use) and the mapped batches reused; otherwise each
     * epoch's batch is mapped when it is read (so batches the source makes lazily stay lazy).
     */
    static BatchSource mapped(BatchSource source, CtcSettings ctc) {
        return new BatchSource() {
            private List<TrainBatch> once;

            @Override
            public List<TrainBatch> batches(int epoch) {
                if (!source.sameEveryEpoch()) {
                    List<TrainBatch> in = source.batches(epoch);
                    return new java.util.AbstractList<>() {
                        @Override
                        public TrainBatch get(int i) {
                            return mapped(in.get(i), ctc);
                        }

                        @Override
                        public int size() {
                            return in.size();
                        }
                    };
                }
                synchronized (this) {
                    if (once == null) {
                        List<TrainBatch> out = new ArrayList<>();
                        for (TrainBatch b : source.batches(epoch)) {
                            out.add(mapped(b, ctc));
                        }
                        once = List.copyOf(out);
                    }
                    return once;
                }
            }

            @Override
            public int examples() {
                return source.examples();
            }

            @Override
            public boolean sameEveryEpoch() {
                return source.sameEveryEpoch();
            }
        };
    }

    /** {@code b} with its data labels (padding -1 kept) replaced by the head's output indices. */
    static TrainBatch mapped(TrainBatch b, CtcSettings ctc) {
        Tensor t = b.targets().copy();
        for (int i = 0; i < t.size(); i++) {
            float v = t.getFlat(i);
            if (v >= 0) {
                t.setFlat(i, ctc.output((int) v));
            }
        }
        return new TrainBatch(b.input(), b.teacher(), t, b.targetMask(), b.size());
    }

    /**
     * One prediction: {@code {"text": greedy transcript, "beam": beam search transcript, "beam_log_prob": its
     * log-probability, "labels": greedy labels}}.
     *
     * @param logProbs the valid steps of one sequence, {@code [steps, labels + 1]}
     */
    static Map<String, Object> decode(Tensor logProbs, CtcSettings ctc, LabelSequences text) {
        int steps = logProbs.dim(0);
        int width = logProbs.dim(1);
        float[] x = logProbs.toArray();
        CtcDecoder.Hypothesis greedy = ctc.greedy().decode(x, steps, width);
        CtcDecoder.Hypothesis beam = ctc.beam().decode(x, steps, width);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("text", text.text(ctc.labels(greedy.labels())));
        r.put("beam", text.text(ctc.labels(beam.labels())));
        r.put("beam_log_prob", beam.logProb());
        return r;
    }
}
