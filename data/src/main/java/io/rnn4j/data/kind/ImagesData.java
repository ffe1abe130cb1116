package io.rnn4j.data.kind;

import io.rnn4j.core.spec.DataSpec;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spec.Required;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spec.Variant;
import io.rnn4j.data.images.ReadOrder;

/**
 * {@code type: images}: grey images read as sequences of rows or columns, with a class or a label sequence.
 *
 * @param train      the list file: CSV ({@code file} and {@code label} or {@code text} columns) or JSON Lines
 *                   ({@code {"image": [[...], ...], "label": ...}} or {@code {"file": ..., "text": ...}}; {@code .gz} too)
 * @param validation validation split
 * @param test       test split
 * @param read       rows or columns
 * @param target     class ({@code label}) or sequence ({@code text}, for a {@code ctc} head)
 * @param tokens     how a {@code text} is cut into labels
 * @param scale      the largest pixel value of images given as arrays
 * @param shift      training augmentation: random translation by up to this many pixels (0: none)
 */
@Variant("images")
@Doc("Grey images (PNG files or pixel arrays in JSON Lines) read as sequences of rows or columns, with a class label "
        + "or a label sequence (CTC).")
public record ImagesData(
        @Doc("The list file: CSV with file and label/text columns, or JSON Lines with image (rows of pixels) or file, "
                + "and label or text.") @Required String train,
        @Doc("Validation split: a fraction of the training file or a file.") @Default("0.1") SplitSource validation,
        @Doc("Test split: a fraction of the training file or a file.") SplitSource test,
        @Doc("Read the image as a sequence of rows (top to bottom) or of columns (left to right).") @Default("rows")
        ReadOrder read,
        @Doc("class: one label per image (field label); sequence: a transcript per image (field text), for a ctc head.")
        @Default("class") ImageTarget target,
        @Doc("How a transcript is cut into labels: characters or words.") @Default("characters") TokenUnit tokens,
        @Doc("The largest pixel value of images given as arrays (255 for bytes, 1 for [0, 1]); PNG files are scaled by "
                + "their bit depth.") @Default("255.0") @Range(min = 1) double scale,
        @Doc("Augmentation of training images: a random translation by up to this many pixels in each direction, new "
                + "every epoch (seeded); 0 for none.") @Default("0") @Range(min = 0) int shift) implements DataSpec {
}
