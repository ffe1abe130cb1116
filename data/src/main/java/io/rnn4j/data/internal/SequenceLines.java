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
        this.file = file;
        this.lines = new long[train.size()];
        this.lengths = new int[train.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = train.get(i).origin() - 1L;
            lengths[i] = train.get(i).input().steps();
        }
        this.encoder = new Encoder(file.toString(), vocabSize, targets);
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
