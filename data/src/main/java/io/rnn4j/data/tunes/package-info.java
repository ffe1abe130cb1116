/**
 * Tunes in ABC notation for the music example: reading tunes with their header fields
 * ({@link io.rnn4j.data.tunes.AbcTune}: rhythm, meter, unit note length, key, normalised for use as
 * conditioning), and judging tunes the way a musician's tools would: the
 * {@link io.rnn4j.data.tunes.BarChecker} (does every bar last as long as the meter says?),
 * {@link io.rnn4j.data.tunes.Abc2Midi} (does Debian's {@code abc2midi} parse it without errors?), both
 * combined by the {@link io.rnn4j.data.tunes.TuneJudge}, and the
 * {@link io.rnn4j.data.tunes.CharFrequencyBaseline} that a generator must beat.
 *
 * <p>Durations are exact {@link io.rnn4j.data.tunes.Fraction}s of a whole note. Errors in tune files
 * are {@code RNN4J-DATA-141} with the file and line.
 */
package io.rnn4j.data.tunes;
