package io.rnn4j.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.ParameterSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class WeightsTest {

    static ParameterSet params(int out) {
        ParameterSet p = ParameterSet.builder().add(ParamId.of("dense_0", ParamRole.KERNEL), 2, out)
                .add(ParamId.of("dense_0", ParamRole.BIAS), out).build();
        for (int i = 0; i < p.count(); i++) {
            p.values()[i] = 0.25f * i - 1f;
        }
        return p;
    }

    @Test
    void weightsBinIsLittleEndianFloat32ByDisplayNameWithACrc32Trailer() {
        byte[] bytes = Weights.of(params(3)).toBytes();

        // decoded here independently of Weights, as a numpy reader would
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[4];
        b.get(magic);
        assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("R4JW");
        assertThat(b.getInt()).as("format version").isEqualTo(1);
        assertThat(b.getInt()).as("parameters").isEqualTo(2);
        byte[] name = new byte[b.getInt()];
        b.get(name);
        assertThat(new String(name, StandardCharsets.UTF_8)).isEqualTo("dense_0/kernel/0/forward");
        assertThat(b.getInt()).as("rank").isEqualTo(2);
        assertThat(new int[] {b.getInt(), b.getInt()}).containsExactly(2, 3);
        assertThat(b.getFloat()).isEqualTo(-1f);
        assertThat(b.getFloat()).isEqualTo(-0.75f);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        assertThat(ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt())
                .isEqualTo((int) crc.getValue());
    }

    @Test
    void roundTripsExactlyAndLoadsIntoAModelOfTheSameShape() {
        ParameterSet source = params(3);
        source.values()[0] = Float.MIN_VALUE;
        source.values()[1] = -0f;
        Weights read = Weights.fromBytes(Weights.of(source).toBytes(), "model.rnn4j");
        ParameterSet target = ParameterSet.builder().add(ParamId.of("dense_0", ParamRole.KERNEL), 2, 3)
                .add(ParamId.of("dense_0", ParamRole.BIAS), 3).build();

        read.loadInto(target);

        assertThat(target.values()).containsExactly(source.values());
        assertThat(Float.floatToRawIntBits(target.values()[1])).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(read.entries()).extracting(Weights.Entry::name)
                .containsExactly("dense_0/kernel/0/forward", "dense_0/bias/0/forward");
        assertThat(read.count()).isEqualTo(9);
    }

    @Test
    void loadingIntoAnotherModelNamesEveryMissingUnexpectedAndMisshapenParameterAndCopiesNothing() {
        Weights w = Weights.fromBytes(Weights.of(params(3)).toBytes(), "model.rnn4j");
        ParameterSet other = ParameterSet.builder().add(ParamId.of("dense_0", ParamRole.KERNEL), 2, 2)
                .add(ParamId.of("lstm_0", ParamRole.WEIGHT_IH), 4, 2).build();

        assertThatThrownBy(() -> w.loadInto(other)).hasMessage("""
                RNN4J-ARCHIVE-006: the weights of model.rnn4j do not fit this model (3 problems):
                  shape differs: dense_0/kernel/0/forward is [2, 3] in the archive but [2, 2] in the model
                  missing from the archive: lstm_0/weight_ih/0/forward [4, 2]
                  not in the model: dense_0/bias/0/forward [3]
                Build the model from the archive's experiment.yaml (the same layers, units, vocabulary and classes) \
                before loading its weights.""");
        assertThat(other.values()).containsOnly(0f);
    }

    @Test
    void aFlippedByteFailsTheCrc() {
        byte[] bytes = Weights.of(params(3)).toBytes();
        bytes[bytes.length - 10] ^= 0x40;

        assertThatThrownBy(() -> Weights.fromBytes(bytes, "m")).hasMessageStartingWith("weights.bin does not match its "
                + "CRC32 (stored ");
    }

    @Test
    void sizesThatDoNotAddUpAreRefused() {
        // a parameter that claims more values than the file holds, with a valid CRC over the lie
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 4 + 4 + 1 + 4 + 4 + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', '4', 'J', 'W'}).putInt(1).putInt(1).putInt(1).put((byte) 'w').putInt(1).putInt(1000)
                .putFloat(1f).putFloat(2f);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());

        assertThatThrownBy(() -> Weights.fromBytes(b.array(), "m"))
                .hasMessage("weights.bin declares w [1000] (1000 values) but only 2 remain");
    }

    @Test
    void trailingBytesAndForeignHeadersAreRefused() {
        assertThatThrownBy(() -> Weights.fromBytes(new byte[20], "m"))
                .hasMessage("weights.bin does not start with the rnn4j weights header");
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 4 + 3 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', '4', 'J', 'W'}).putInt(1).putInt(0).put(new byte[3]);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        assertThatThrownBy(() -> Weights.fromBytes(b.array(), "m")).hasMessage("weights.bin has 3 bytes after its 0 parameters");
    }

    @Test
    void entriesMustFillTheirShapeAndNamesMustBeUnique() {
        assertThatThrownBy(() -> new Weights.Entry("w", new int[] {2, 2}, new float[3]))
                .hasMessage("parameter w of shape [2, 2] needs 4 values, got 3");
        Weights.Entry e = new Weights.Entry("w", new int[] {1}, new float[1]);
        assertThatThrownBy(() -> Weights.of(List.of(e, e))).hasMessage("parameter w appears twice");
    }
}
