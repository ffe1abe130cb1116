package io.rnn4j.data.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads RIFF/WAVE files with uncompressed PCM samples (format tag 1, or {@code WAVE_FORMAT_EXTENSIBLE}
 * with the PCM sub-format), 8-bit unsigned or 16-bit signed little-endian, one channel. Anything else
 * (stereo, 24/32-bit, float, A-law/µ-law, GSM, ...) is refused with a message that says what the file
 * holds and how to convert it ({@code sox in.wav -c 1 -b 16 out.wav}). Chunks other than {@code fmt }
 * and {@code data} are skipped.
 */
public final class WavReader {
    private WavReader() {
    }

    /** A WAV file that cannot be read, with the file named in the message. */
    public static final class WavException extends IOException {
        private static final long serialVersionUID = 1L;

        WavException(String message) {
            super(message);
        }
    }

    /**
     * Reads a file.
     *
     * @throws WavException for a missing, foreign, truncated or unsupported file, naming it
     */
    public static Waveform read(Path file) throws WavException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new WavException(file + ": no such WAV file");
        } catch (IOException e) {
            throw new WavException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return parse(bytes, file.toString());
    }

    /** Parses the bytes of a WAV file; {@code name} is used in messages. */
    public static Waveform parse(byte[] bytes, String name) throws WavException {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || in.getInt(0) != 0x46464952 || in.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
            throw new WavException(name + ": not a WAV file (no RIFF/WAVE header); give PCM WAV files");
        }
        int pos = 12;
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int dataStart = -1;
        int dataLength = 0;
        while (pos + 8 <= bytes.length) {
            int id = in.getInt(pos);
            long size = in.getInt(pos + 4) & 0xffffffffL;
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                if (size < 16 || body + 16 > bytes.length) {
                    throw new WavException(name + ": truncated fmt chunk");
                }
                format = in.getShort(body) & 0xffff;
                channels = in.getShort(body + 2) & 0xffff;
                rate = in.getInt(body + 4);
                bits = in.getShort(body + 14) & 0xffff;
                if (format == 0xfffe && size >= 40 && body + 26 <= bytes.length) {
                    format = in.getShort(body + 24) & 0xffff; // the sub-format GUID starts with the format tag
                }
            } else if (id == 0x61746164) { // "data"
                dataStart = body;
                dataLength = (int) Math.min(size, bytes.length - body); // a truncated last chunk: read what is there
                break;
            }
            pos = body + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - body);
        }
        if (format < 0) {
            throw new WavException(name + ": no fmt chunk before the data; the file is damaged or not a WAV file");
        }
        if (dataStart < 0) {
            throw new WavException(name + ": no data chunk; the file holds no samples");
        }
        if (format != 1) {
            throw new WavException(name + ": sample format " + formatName(format) + " is not supported; only PCM "
                    + "(8-bit or 16-bit) is; convert it, e.g. 'sox in.wav -e signed-integer -b 16 out.wav'");
        }
        if (channels != 1) {
            throw new WavException(name + ": " + channels + " channels, but audio must be mono; mix it down, e.g. "
                    + "'sox in.wav -c 1 out.wav'");
        }
        if (bits != 8 && bits != 16) {
            throw new WavException(name + ": " + bits + "-bit samples are not supported; only 8-bit and 16-bit PCM are; "
                    + "convert it, e.g. 'sox in.wav -b 16 out.wav'");
        }
        if (rate < 1) {
            throw new WavException(name + ": sample rate " + rate + " Hz in the fmt chunk is not valid");
        }
        int bytesPer = bits / 8;
        int n = dataLength / bytesPer;
        float[] samples = new float[n];
        for (int i = 0; i < n; i++) {
            samples[i] = bits == 16 ? in.getShort(dataStart + 2 * i) / 32768f
                    : ((bytes[dataStart + i] & 0xff) - 128) / 128f;
        }
        return new Waveform(samples, rate);
    }

    private static String formatName(int tag) {
        return switch (tag) {
            case 3 -> "IEEE float (tag 3)";
            case 6 -> "A-law (tag 6)";
            case 7 -> "mu-law (tag 7)";
            case 0x31 -> "GSM 6.10 (tag 49)";
            case 2 -> "ADPCM (tag 2)";
            default -> "tag " + tag;
        };
    }

    /** The bytes of a 16-bit mono PCM WAV file of {@code w} (samples clipped to the 16-bit range). */
    public static byte[] pcm16(Waveform w) {
        int n = w.samples().length;
        ByteBuffer out = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0x46464952).putInt(36 + 2 * n).putInt(0x45564157);
        out.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(w.sampleRate())
                .putInt(2 * w.sampleRate()).putShort((short) 2).putShort((short) 16);
        out.putInt(0x61746164).putInt(2 * n);
        for (float s : w.samples()) {
            out.putShort((short) Math.max(-32768, Math.min(32767, Math.round(s * 32768f))));
        }
        return out.array();
    }
}
