package io.rnn4j.data.internal;

import io.rnn4j.core.spi.LineExamples;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.data.BatchOptions;
import io.rnn4j.data.Batcher;
import io.rnn4j.data.Batches;
import io.rnn4j.data.Example;
import io.rnn4j.data.Input;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training split of a {@code sequences} file as lines that executors read and encode themselves
 * ({@link LineExamples}): the driver keeps the lines' indices and input lengths (for the batch plan); the
 * encoder carries the resolved target reading (labels) and reads a line exactly as the loader did.
 */
public final class SequenceLines implements LineExamples {
    private final Path file;
    private final long[] lines;
    private final int[] lengths;
    private final Encoder encoder;

    SequenceLines(Path file, List<Example> train, int vocabSize, SequenceTargets targets) {
        this(file, train.stream().mapToLong(e -> e.origin() - 1L).toArray(),
                train.stream().mapToInt(e -> e.input().steps()).toArray(), vocabSize, targets);
    }

    /** The lines (0-based, ascending) and input lengths of the training split, without its examples. */
    SequenceLines(Path file, long[] lines, int[] lengths, int vocabSize, SequenceTargets targets) {
        this.file = file;
        this.lines = lines;
        this.lengths = lengths;
        this.encoder = new Encoder(file.toString(), vocabSize, targets);
    }

    /** The number of training examples. */
    public int size() {
        return lines.length;
    }

    /**
     * The training split's batches read from the file, for a caller that asks the driver for them after all
     * (an engine that does not read on its executors): each epoch streams the file once and encodes the epoch's
     * batches as the executors would (the whole epoch is then in memory, as a driver-shipped epoch is).
     */
    public io.rnn4j.core.train.BatchSource batches(BatchPlan plan) {
        return new io.rnn4j.core.train.BatchSource() {
            @Override
            public List<TrainBatch> batches(int epoch) {
                List<int[]> batches = plan(plan, epoch);
                String[] texts = new String[lines.length];
                try (DataLines in = DataLines.open(file, "train")) {
                    int k = 0;
                    String text;
                    while (k < lines.length && (text = in.next()) != null) {
                        if (in.number() - 1L == lines[k]) {
                            texts[k++] = text;
                        }
                    }
                }
                List<TrainBatch> out = new ArrayList<>(batches.size());
                for (int[] idx : batches) {
                    List<String> t = new ArrayList<>(idx.length);
                    long[] at = new long[idx.length];
                    for (int i = 0; i < idx.length; i++) {
                        t.add(texts[idx[i]]);
                        at[i] = lines[idx[i]];
                    }
                    out.add(encoder.batch(t, at));
                }
                return out;
            }

            @Override
            public int examples() {
                return lines.length;
            }
        };
    }

    @Override
    public String trainFile() {
        return file.toAbsolutePath().toString();
    }

    @Override
    public long[] trainLines() {
        return lines.clone();
    }

    @Override
    public List<int[]> plan(BatchPlan plan, int epoch) {
        // the options ExampleData.batches uses for a training plan
        BatchOptions options = !plan.shuffle() && !plan.bucketByLength() ? BatchOptions.evaluation(plan.batchSize())
                : new BatchOptions(plan.batchSize(), plan.shuffle(), plan.bucketByLength(), 50, plan.seed());
        return new Batcher(options).plan(lengths, epoch);
    }

    @Override
    public LineEncoder encoder() {
        return encoder;
    }

    /** Reads lines as {@link SequencesLoader} does (the same input reader and the driver's resolved targets). */
    private record Encoder(String file, int vocabSize, SequenceTargets targets) implements LineEncoder {
        private static final long serialVersionUID = 1L;

        @Override
        public TrainBatch batch(List<String> texts, long[] lineIndices) {
            Path path = Path.of(file);
            SequenceInputs inputs = new SequenceInputs(vocabSize);
            List<Example> examples = new ArrayList<>(texts.size());
            int[] all = new int[texts.size()];
            for (int i = 0; i < texts.size(); i++) {
                int line = (int) lineIndices[i] + 1;
                String text = i == 0 && lineIndices[i] == 0 && texts.get(i).startsWith("\uFEFF")
                        ? texts.get(i).substring(1) : texts.get(i);
                JsonLines.Line l = new JsonLines.Line(path, line, JsonLines.parse(path, line, text, SequenceInputs.EXAMPLE));
                Input in = inputs.read(l);
                examples.add(new Example(in, targets.read(l, in.steps()), line));
                all[i] = i;
            }
            return Batches.toTrainBatch(Batcher.batch(examples, all));
        }
    }
}
