package io.rnn4j.data.internal;

import io.rnn4j.data.Example;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A CSV file read as a test split in windows of rows, so that memory holds one window (evaluate's streamed
 * path): the header's columns are looked up once, each window's rows become examples as the whole-file loader
 * makes them, and a file with a header and no rows is refused as that loader refuses it. The CSV kinds
 * ({@code text_classification}, {@code pairs}) differ only in their columns and rows.
 */
public final class CsvTestWindows implements Closeable {
    /** One window of rows to examples, with the columns found in the header. */
    @FunctionalInterface
    public interface Rows {
        List<Example> examples(CsvTable window);
    }

    private final CsvTable.Windows windows;
    private final Rows rows;
    private final Supplier<RuntimeException> empty;
    /** Rows read so far (a file of rows that give no examples is not an empty file). */
    private int read;

    private CsvTestWindows(CsvTable.Windows windows, Rows rows, Supplier<RuntimeException> empty) {
        this.windows = windows;
        this.rows = rows;
        this.empty = empty;
    }

    /**
     * Opens {@code file}; {@code columns} looks the kind's columns up in the header (a located error if one is
     * missing, after which the file is closed) and returns the window reader; {@code empty} is the error for a
     * file without rows.
     */
    public static CsvTestWindows open(Path file, Function<CsvTable, Rows> columns, Supplier<RuntimeException> empty) {
        CsvTable.Windows windows = CsvTable.windows(file, "test");
        try {
            return new CsvTestWindows(windows, columns.apply(windows.columns()), empty);
        } catch (RuntimeException e) {
            windows.close();
            throw e;
        }
    }

    /** The next (up to) {@code max} examples, or {@code null} after the last. */
    public List<Example> next(int max) {
        CsvTable t = windows.next(max);
        if (t == null) {
            if (read == 0) {
                throw empty.get();
            }
            return null;
        }
        read += t.rows();
        return rows.examples(t);
    }

    @Override
    public void close() {
        windows.close();
    }
}
