package io.rnn4j.cli;

import io.rnn4j.core.train.Split;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one parser of {@code --split} ({@code evaluate}, {@code backtest}): {@code validation} (or {@code val}),
 * {@code test} or {@code train} (or {@code training}), in any case; anything else is refused with the same
 * message by every command.
 */
final class SplitOption implements ITypeConverter<Split> {

    @Override
    public Split convert(String value) {
        return parse(value);
    }

    /**
     * The split {@code value} names.
     *
     * @throws TypeConversionException if it names none (picocli reports it as an invalid {@code --split})
     */
    static Split parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "validation", "val" -> Split.VALIDATION;
            case "test" -> Split.TEST;
            case "train", "training" -> Split.TRAIN;
            default -> throw new TypeConversionException("'" + value + "' is not a split: use validation, test or train");
        };
    }
}
