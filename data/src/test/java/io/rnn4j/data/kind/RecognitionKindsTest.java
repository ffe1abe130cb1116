package io.rnn4j.data.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.data.OutputKind;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spi.DataContext;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.LabelSequences;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.Split;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.data.audio.FeatureType;
import io.rnn4j.data.audio.WavReader;
import io.rnn4j.data.audio.Waveform;
import io.rnn4j.data.images.ReadOrder;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The images and audio kinds: loading, batches, the stored pipeline, and errors that name the file and line. */
class RecognitionKindsTest {
    @TempDir
    Path dir;

    private static ImagesData images(String train, ReadOrder read, ImageTarget target, int shift) {
        return new ImagesData(train, null, null, read, target, TokenUnit.CHARACTERS, 255, shift);
    }

    private static AudioData audio(String train, double speed) {
        return new AudioData(train, null, null, 8000, FeatureType.LOG_MEL, 23, 13, 25, 10, 0, 0.97, true,
                TokenUnit.CHARACTERS, speed, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private Path png(String name, int h, int w) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < w; x++) {
            img.getRaster().setSample(x, x % h, 0, 255);
        }
        Path p = dir.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    @Test
    void imageArraysWithClassesBatchAsRowsWithClassTargets() throws Exception {
        Files.writeString(dir.resolve("d.jsonl"), """
                {"image": [[0, 255, 0], [255, 0, 255]], "label": "7"}
                {"image": [[0, 0, 0], [255, 255, 255], [0, 0, 0]], "label": "1"}
                """);
        LoadedData d = new ImagesKind().load(images("d.jsonl", ReadOrder.ROWS, ImageTarget.CLASS, 0),
                new DataContext(dir, 1));
        DataPipeline p = d.pipeline();
        assertThat(p.inputType().features()).isEqualTo(3);
        assertThat(p.output().kind()).isEqualTo(OutputKind.CLASS);
        assertThat(p.output().size()).isEqualTo(2);
        TrainBatch b = d.batches(Split.TRAIN, BatchPlan.evaluation(8)).batches(0).get(0);
        assertThat(b.input().values().shape().dims()).containsExactly(2, 3, 3);
        assertThat(b.input().mask().lengths()).containsExactly(2, 3);
        assertThat(b.targets().toArray()).containsExactly(1f, 0f); // labels sorted: "1", "7"
        assertThat(b.input().values().get(0, 1, 0)).isEqualTo(1f);
    }

    @Test
    void pngStringsReadAsColumnsGiveLabelSequencesPaddedWithMinusOne() throws Exception {
        png("a.png", 4, 6);
        png("b.png", 4, 9);
        Files.writeString(dir.resolve("s.csv"), "file,text\na.png,12\nb.png,2 21\n");
        LoadedData d = new ImagesKind().load(images("s.csv", ReadOrder.COLUMNS, ImageTarget.SEQUENCE, 0),
                new DataContext(dir, 1));
        DataPipeline p = d.pipeline();
        assertThat(p.output().kind()).isEqualTo(OutputKind.LABEL_SEQUENCES);
        assertThat(p.facts().classes()).isEqualTo(3); // ' ', '1', '2'
        LabelSequences text = p.capability(LabelSequences.class).orElseThrow();
        assertThat(text.separator()).isZero();
        assertThat(text.text(new int[] {2, 0, 1})).isEqualTo("2 1");
        TrainBatch b = d.batches(Split.TRAIN, BatchPlan.evaluation(8)).batches(0).get(0);
        assertThat(b.input().values().shape().dims()).containsExactly(2, 9, 4);
        assertThat(b.targets().toArray()).containsExactly(1f, 2f, -1f, -1f, 2f, 0f, 2f, 1f);
        assertThat(b.targetMask()).isNull();
        // the stored pipeline is the same without the data
        DataPipeline restored = new ImagesKind().restore(images("s.csv", ReadOrder.COLUMNS, ImageTarget.SEQUENCE, 0),
                p.store(), "model.rnn4j!data/");
        assertThat(restored.output()).isEqualTo(p.output());
        assertThat(restored.inputType()).isEqualTo(p.inputType());
        Tensor x = restored.encode(Map.of("file", dir.resolve("a.png").toString()));
        assertThat(x.shape().dims()).containsExactly(6, 4);
    }

    @Test
    void imageErrorsNameTheFileAndLine() throws Exception {
        png("a.png", 4, 6);
        png("tall.png", 5, 6);
        Files.writeString(dir.resolve("bad.csv"), "file,text\na.png,12\ntall.png,1\n");
        assertThatThrownBy(() -> new ImagesKind().load(images("bad.csv", ReadOrder.COLUMNS, ImageTarget.SEQUENCE, 0),
                new DataContext(dir, 1)))
                .hasMessageContaining("RNN4J-DATA-066").hasMessageContaining("bad.csv:3: the image is 5 x 6 but read by "
                        + "columns every image must be 4 pixels high");
        Files.writeString(dir.resolve("missing.csv"), "file,text\na.png,12\nnone.png,1\n");
        assertThatThrownBy(() -> new ImagesKind().load(images("missing.csv", ReadOrder.COLUMNS, ImageTarget.SEQUENCE, 0),
                new DataContext(dir, 1))).hasMessageContaining("missing.csv:3: ").hasMessageContaining("none.png: no such image file");
        Files.writeString(dir.resolve("empty.csv"), "file,text\na.png,12\na.png,\n");
        assertThatThrownBy(() -> new ImagesKind().load(images("empty.csv", ReadOrder.COLUMNS, ImageTarget.SEQUENCE, 0),
                new DataContext(dir, 1))).hasMessageContaining("empty.csv:3: the field 'text' is empty");
        Files.writeString(dir.resolve("long.csv"), "file,text\na.png,1111\n");
        assertThatThrownBy(() -> new ImagesKind().load(images("long.csv", ReadOrder.COLUMNS, ImageTarget.SEQUENCE, 0),
                new DataContext(dir, 1))).hasMessageContaining("RNN4J-DATA-060")
                .hasMessageContaining("long.csv:2: the transcript has 4 labels and needs at least 7 steps");
        assertThatThrownBy(() -> new ImagesKind().load(images("nothere.csv", ReadOrder.ROWS, ImageTarget.CLASS, 0),
                new DataContext(dir, 1))).hasMessageContaining("nothere.csv: no such list file");
    }

    @Test
    void aTestLabelNotSeenInTrainingIsRefused() throws Exception {
        Files.writeString(dir.resolve("t.jsonl"), "{\"image\": [[1, 2]], \"label\": \"a\"}\n");
        Files.writeString(dir.resolve("u.jsonl"), "{\"image\": [[1, 2]], \"label\": \"b\"}\n");
        ImagesData spec = new ImagesData("t.jsonl", null, SplitSource.file("u.jsonl"), ReadOrder.ROWS, ImageTarget.CLASS,
                TokenUnit.CHARACTERS, 255, 0);
        assertThatThrownBy(() -> new ImagesKind().load(spec, new DataContext(dir, 1)))
                .hasMessageContaining("u.jsonl:1: class 'b' is not among the training classes [a]");
    }

    @Test
    void shiftAugmentationChangesTrainingImagesEachEpochButNotValidation() throws Exception {
        Files.writeString(dir.resolve("d.jsonl"), """
                {"image": [[0, 255, 0], [255, 0, 255], [0, 255, 0]], "label": "x"}
                """);
        ImagesData spec = new ImagesData("d.jsonl", null, SplitSource.file("d.jsonl"), ReadOrder.ROWS, ImageTarget.CLASS,
                TokenUnit.CHARACTERS, 255, 1);
        LoadedData d = new ImagesKind().load(spec, new DataContext(dir, 1));
        BatchPlan plan = new BatchPlan(1, true, false, 9);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int e = 0; e < 8; e++) {
            seen.add(java.util.Arrays.toString(d.batches(Split.TRAIN, plan).batches(e).get(0).input().values().toArray()));
        }
        assertThat(seen).hasSizeGreaterThan(1);
        assertThat(d.batches(Split.TRAIN, plan).batches(3).get(0).input().values().toArray())
                .containsExactly(d.batches(Split.TRAIN, plan).batches(3).get(0).input().values().toArray());
        assertThat(d.batches(Split.TEST, plan).batches(3).get(0).input().values().get(0, 0, 1)).isEqualTo(1f);
    }

    private Path wav(String name, int rate, double seconds) throws Exception {
        float[] x = new float[(int) (rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(i * 0.3) + 0.1 * Math.sin(i * 0.05));
        }
        Path p = dir.resolve(name);
        Files.write(p, WavReader.pcm16(new Waveform(x, rate)));
        return p;
    }

    @Test
    void audioFilesBecomeLogMelFramesWithTranscripts() throws Exception {
        wav("a.wav", 8000, 0.5);
        wav("b.wav", 8000, 0.3);
        Files.writeString(dir.resolve("list.csv"), "file,text\na.wav,123\nb.wav,4\n");
        LoadedData d = new AudioKind().load(audio("list.csv", 0), new DataContext(dir, 1));
        DataPipeline p = d.pipeline();
        assertThat(p.inputType().features()).isEqualTo(23);
        assertThat(p.output().kind()).isEqualTo(OutputKind.LABEL_SEQUENCES);
        TrainBatch b = d.batches(Split.TRAIN, BatchPlan.evaluation(2)).batches(0).get(0);
        assertThat(b.input().mask().lengths()).containsExactly(48, 28); // 1 + (n - 200) / 80 frames
        assertThat(b.targets().toArray()).containsExactly(0f, 1f, 2f, 3f, -1f, -1f);
        Tensor x = new AudioKind().restore(audio("list.csv", 0), p.store(), "m!data/")
                .encode(Map.of("file", dir.resolve("a.wav").toString()));
        assertThat(x.shape().dims()).containsExactly(48, 23);
    }

    @Test
    void audioErrorsNameTheListLineAndTheFile() throws Exception {
        wav("a.wav", 8000, 0.5);
        wav("fast.wav", 16000, 0.5);
        Files.writeString(dir.resolve("rate.csv"), "file,text\na.wav,1\nfast.wav,2\n");
        assertThatThrownBy(() -> new AudioKind().load(audio("rate.csv", 0), new DataContext(dir, 1)))
                .hasMessageContaining("RNN4J-DATA-067")
                .hasMessageContaining("rate.csv:3: " + dir.resolve("fast.wav") + " is sampled at 16000 Hz but the data's "
                        + "sample_rate is 8000 Hz");
        Files.writeString(dir.resolve("gone.csv"), "file,text\nnone.wav,1\n");
        assertThatThrownBy(() -> new AudioKind().load(audio("gone.csv", 0), new DataContext(dir, 1)))
                .hasMessageContaining("gone.csv:2: " + dir.resolve("none.wav") + ": no such WAV file");
        Files.write(dir.resolve("stereo.wav"), stereo());
        Files.writeString(dir.resolve("st.csv"), "file,text\nstereo.wav,1\n");
        assertThatThrownBy(() -> new AudioKind().load(audio("st.csv", 0), new DataContext(dir, 1)))
                .hasMessageContaining("st.csv:2: ").hasMessageContaining("2 channels, but audio must be mono");
        Files.writeString(dir.resolve("empty.jsonl"), "{\"file\": \"a.wav\", \"text\": \"\"}\n");
        assertThatThrownBy(() -> new AudioKind().load(audio("empty.jsonl", 0), new DataContext(dir, 1)))
                .hasMessageContaining("empty.jsonl:1: the field 'text' is empty");
    }

    private static byte[] stereo() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(44).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 2).putInt(8000).putInt(32000)
                .putShort((short) 4).putShort((short) 16);
        b.putInt(0x61746164).putInt(8).put(new byte[8]);
        return b.array();
    }

    @Test
    void audioAugmentationIsSeededPerEpoch() throws Exception {
        wav("a.wav", 8000, 0.5);
        Files.writeString(dir.resolve("list.csv"), "file,text\na.wav,1\n");
        LoadedData d = new AudioKind().load(audio("list.csv", 0.2), new DataContext(dir, 1));
        BatchPlan plan = new BatchPlan(1, true, false, 4);
        float[] e1 = d.batches(Split.TRAIN, plan).batches(1).get(0).input().values().toArray();
        float[] again = d.batches(Split.TRAIN, plan).batches(1).get(0).input().values().toArray();
        float[] e2 = d.batches(Split.TRAIN, plan).batches(2).get(0).input().values().toArray();
        assertThat(e1).containsExactly(again);
        assertThat(e1).isNotEqualTo(e2);
        assertThat(List.of(e1.length, e2.length)).isNotNull();
    }

    @Test
    void augmentedAudioIsPlannedUpFrontAndMadeWhenItsBatchIsRead() throws Exception {
        StringBuilder list = new StringBuilder("file,text\n");
        for (int i = 0; i < 6; i++) {
            wav("u" + i + ".wav", 8000, 0.3 + 0.1 * i);
            list.append("u").append(i).append(".wav,").append(i % 3 + 1).append('\n');
        }
        Files.writeString(dir.resolve("list.csv"), list.toString());
        AudioData spec = new AudioData("list.csv", SplitSource.file("list.csv"), null, 8000, FeatureType.LOG_MEL, 23, 13,
                25, 10, 0, 0.97, true, TokenUnit.CHARACTERS, 0.3, 6, 150, 20, 0, 0, 0, 0, 0);
        LoadedData d = new AudioKind().load(spec, new DataContext(dir, 1));
        BatchPlan plan = new BatchPlan(2, true, true, 7);
        io.rnn4j.core.train.BatchSource train = d.batches(Split.TRAIN, plan);
        assertThat(train.sameEveryEpoch()).isFalse();
        assertThat(d.batches(Split.VALIDATION, BatchPlan.evaluation(2)).sameEveryEpoch()).isTrue();
        List<TrainBatch> epoch = train.batches(3);
        assertThat(epoch).hasSize(3);
        int examples = 0;
        for (int i = 0; i < epoch.size(); i++) {
            TrainBatch b = epoch.get(i);
            // the planned lengths (for bucketing and the mask) are the lengths of the features made
            int[] lengths = b.input().mask().lengths();
            assertThat(b.input().values().dim(1)).isEqualTo(java.util.Arrays.stream(lengths).max().orElseThrow());
            for (int k = 0; k < lengths.length; k++) {
                float last = b.input().values().get(k, lengths[k] - 1, 0);
                assertThat(Float.isFinite(last)).isTrue();
            }
            // a batch read twice is made twice, the same (its choices were drawn before)
            assertThat(epoch.get(i).input().values().toArray()).containsExactly(b.input().values().toArray());
            examples += b.size();
        }
        assertThat(examples).isEqualTo(6);
        // another source for the same epoch gives the same batches; another epoch perturbs differently
        assertThat(d.batches(Split.TRAIN, plan).batches(3).get(0).input().values().toArray())
                .containsExactly(epoch.get(0).input().values().toArray());
        assertThat(d.batches(Split.TRAIN, plan).batches(4).get(0).input().values().toArray())
                .isNotEqualTo(epoch.get(0).input().values().toArray());
    }

    @Test
    void featureMasksAloneMaskTrainingFeaturesEachEpochAndLeaveValidationAlone() throws Exception {
        StringBuilder list = new StringBuilder("file,text\n");
        for (int i = 0; i < 4; i++) {
            wav("m" + i + ".wav", 8000, 0.5 + 0.1 * i);
            list.append("m").append(i).append(".wav,").append(i % 3 + 1).append('\n');
        }
        Files.writeString(dir.resolve("list.csv"), list.toString());
        // one frequency mask of up to 23 bins (all of them at most) and no waveform augmentation
        AudioData masked = new AudioData("list.csv", SplitSource.file("list.csv"), null, 8000, FeatureType.LOG_MEL, 23,
                13, 25, 10, 0, 0.97, true, TokenUnit.CHARACTERS, 0, 0, 0, 0, 0, 0, 0, 2, 23);
        AudioData plain = new AudioData("list.csv", SplitSource.file("list.csv"), null, 8000, FeatureType.LOG_MEL, 23,
                13, 25, 10, 0, 0.97, true, TokenUnit.CHARACTERS, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        BatchPlan plan = new BatchPlan(4, false, false, 7);
        LoadedData d = new AudioKind().load(masked, new DataContext(dir, 1));
        LoadedData p = new AudioKind().load(plain, new DataContext(dir, 1));
        io.rnn4j.core.train.BatchSource train = d.batches(Split.TRAIN, plan);
        assertThat(train.sameEveryEpoch()).isFalse();
        assertThat(p.batches(Split.TRAIN, plan).sameEveryEpoch()).isTrue();
        float[] original = p.batches(Split.TRAIN, plan).batches(0).get(0).input().values().toArray();
        int zeroed = 0;
        int changed = 0;
        for (int epoch = 0; epoch < 3; epoch++) {
            float[] x = train.batches(epoch).get(0).input().values().toArray();
            assertThat(x).hasSameSizeAs(original);
            for (int i = 0; i < x.length; i++) {
                if (x[i] != original[i]) {
                    changed++;
                    assertThat(x[i]).isZero(); // a masked value is 0, every other one as computed
                }
                zeroed += x[i] == 0 && original[i] != 0 ? 1 : 0;
            }
        }
        assertThat(changed).isPositive().isEqualTo(zeroed);
        // validation features are never masked
        assertThat(d.batches(Split.VALIDATION, BatchPlan.evaluation(4)).batches(0).get(0).input().values().toArray())
                .containsExactly(p.batches(Split.VALIDATION, BatchPlan.evaluation(4)).batches(0).get(0).input().values()
                        .toArray());
    }

    @Test
    void aPipelineEntryThatIsMissingOrBrokenIsADamagedArchive() {
        assertThatThrownBy(() -> new AudioKind().restore(audio("list.csv", 0), Map.of(), "m.rnn4j!data/"))
                .hasMessageContaining("RNN4J-DATA-064").hasMessageContaining("m.rnn4j!data/audio.json is missing");
        ImagesData images = new ImagesData("t.jsonl", null, null, ReadOrder.ROWS, ImageTarget.CLASS,
                TokenUnit.CHARACTERS, 255, 0);
        assertThatThrownBy(() -> new ImagesKind().restore(images, Map.of("images.json", "{\"read\": \"SIDEWAYS\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)), "m.rnn4j!data/"))
                .hasMessageContaining("RNN4J-DATA-064").hasMessageContaining("m.rnn4j!data/images.json cannot be read");
        assertThatThrownBy(() -> new ImagesKind().restore(images, Map.of("images.json", new byte[] {'{'}), "m!"))
                .hasMessageContaining("m!images.json cannot be read");
    }
}
