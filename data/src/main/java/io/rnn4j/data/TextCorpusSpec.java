package io.rnn4j.data;

import java.util.Objects;

/**
 * {@code type: text}: a plain UTF-8 text file for a character or word language model
 * (next-token prediction). The text is tokenized whole ({@code \r\n} read as {@code \n}); a window at
 * token {@code i} has inputs tokens {@code i .. i+L-1} and per-step targets {@code i+1 .. i+L}. A
 * validation or test fraction is the <em>last</em> part of the tokens, never shuffled, so that
 * no validation text is seen in training. The vocabulary (with {@code <bos>}/{@code <eos>}) is built
 * from the training part.
 *
 * @param splits         {@code train}, {@code validation}, {@code test}
 * @param tokenizer      {@code tokenizer}: usually {@code {type: char}}
 * @param sequenceLength {@code sequence_length}: steps per window, at least 1
 * @param stride         {@code stride}: tokens between window starts; 0 for {@code sequence_length}
 *                       (windows that do not overlap)
 */
public record TextCorpusSpec(SplitSpec splits, TokenizerOptions tokenizer, int sequenceLength, int stride)
        implements DataSpec {

    /** Validates; a stride of 0 becomes the sequence length. */
    public TextCorpusSpec {
        Objects.requireNonNull(splits, "splits");
        Objects.requireNonNull(tokenizer, "tokenizer");
        if (sequenceLength < 1) {
            throw DataErrors.invalidOption("sequence_length", sequenceLength, "at least 1 token");
        }
        if (stride < 0) {
            throw DataErrors.invalidOption("stride", stride, "0 (= sequence_length) or a positive number of tokens");
        }
        stride = stride == 0 ? sequenceLength : stride;
    }

    @Override
    public String type() {
        return "text";
    }
}
