package io.rnn4j.onnx;

import ai.onnx.proto.OnnxMl;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.Network;
import io.rnn4j.onnx.internal.GraphBuilder;
import io.rnn4j.onnx.internal.HeadExporters;
import io.rnn4j.onnx.spi.LayerExporter;
import io.rnn4j.onnx.spi.OnnxValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports a {@link Network} (its {@link LayerGraph} and weights) to ONNX, opset {@value #OPSET}, IR
 * version {@value #IR_VERSION}, with ONNX's own {@code RNN}, {@code LSTM} and {@code GRU} operators. The
 * graph's inputs and outputs are described in {@link OnnxNames}; batch and time are symbolic dimensions.
 *
 * <p>Every export is checked before it is accepted ({@link ParityChecker}): the model runs in ONNX
 * Runtime and through the reference backend on the same inputs, and a disagreement fails the export
 * with the figures ({@code RNN4J-ONNX-010}); a file is written only after the check passed, atomically.
 *
 * <p>Layer kinds are exported by {@link LayerExporter}s found with {@link java.util.ServiceLoader} through {@link io.rnn4j.core.PluginRegistry} (an object, not
 * a static: build one per application). A kind with no exporter fails with {@code RNN4J-ONNX-001}
 * naming the kinds that can be exported.
 */
public final class OnnxExporter {
    /** The ONNX operator set the graph uses. */
    public static final int OPSET = 17;
    /** The ONNX IR version of the file. */
    public static final int IR_VERSION = 8;

    private static final Logger LOG = LoggerFactory.getLogger(OnnxExporter.class);

    private final Map<String, LayerExporter> byKind;
    private final ParityChecker parity;

    /** An exporter with the exporters found on this class's class loader and the default parity checker. */
    public OnnxExporter() {
        this(discover(OnnxExporter.class.getClassLoader()), new ParityChecker());
    }

    /**
     * An exporter with the given layer exporters and parity checker.
     *
     * @throws Rnn4jException {@code RNN4J-PLUGIN-002} if two exporters handle the same kind (naming both jars,
     *                        as for every plugin: see {@link io.rnn4j.core.PluginRegistry})
     */
    public OnnxExporter(Iterable<? extends LayerExporter> exporters, ParityChecker parity) {
        Map<String, LayerExporter> map = new LinkedHashMap<>();
        for (LayerExporter e : new io.rnn4j.core.PluginRegistry<LayerExporter>("ONNX layer exporter", exporters,
                LayerExporter::kindId).all()) {
            map.put(e.kindId(), e);
        }
        this.byKind = Collections.unmodifiableMap(map);
        this.parity = parity;
    }

    /** The layer exporters listed in {@code META-INF/services} on {@code loader}. */
    public static List<LayerExporter> discover(ClassLoader loader) {
        return io.rnn4j.core.PluginRegistry.load(LayerExporter.class, loader);
    }

    /** Ids of the layer kinds this exporter can write (some may still refuse a configuration). */
    public List<String> kinds() {
        return byKind.keySet().stream().sorted().toList();
    }

    /**
     * Exports to memory, checked unless {@link ExportOptions#parityCheck()} is off. A model with a decoder
     * head ({@code seq2seq}, {@code one_to_many}) gives a pair: the encoder and one decoder step
     * ({@link ExportResult#decoderModel()}, {@link DecoderLoop}).
     *
     * @throws Rnn4jException {@code RNN4J-ONNX-001} for a layer kind without an exporter,
     *                        {@code RNN4J-ONNX-002} for a layer that cannot be exported,
     *                        {@code RNN4J-ONNX-010} when the parity check fails
     */
    public ExportResult export(Network network, ExportOptions options) {
        return exportChecked(network, options, null);
    }

    private ExportResult exportChecked(Network network, ExportOptions options, String decoderFileName) {
        Models models = toModels(network, options, decoderFileName);
        byte[] bytes = models.main().toByteArray();
        byte[] decoder = models.decoder() == null ? null : models.decoder().toByteArray();
        ParityReport report = null;
        if (options.parityCheck()) {
            report = decoder == null ? parity.check(network, bytes, options)
                    : parity.checkPair(network, bytes, decoder, options);
            LOG.info("ONNX export of {} layers{} checked against the reference backend: max |diff| {}",
                    network.graph().nodes().size(), decoder == null ? "" : " (encoder and decoder step)",
                    report.maxAbsDiff());
        }
        return new ExportResult(bytes, null, report, decoder, null);
    }

    /**
     * Exports to a file: checked first (unless turned off), then written atomically (a temporary file in
     * the same directory, moved into place), so a failed export never leaves a partial or unchecked file.
     * A pair is written as {@code file} (the encoder) and {@code <name>.decoder.onnx} next to it
     * ({@link OnnxNames#decoderFileName(String)}); the encoder names its decoder step in
     * {@code metadata_props} ({@value DecoderLoop#KEY_FILE}).
     *
     * @throws Rnn4jException as {@link #export(Network, ExportOptions)}, and {@code RNN4J-ONNX-007} if the
     *                        file cannot be written
     */
    public ExportResult export(Network network, Path file, ExportOptions options) {
        Path target = file.toAbsolutePath();
        String decoderName = OnnxNames.decoderFileName(target.getFileName().toString());
        ExportResult r = exportChecked(network, options, decoderName);
        Path decoderTarget = r.isPair() ? target.resolveSibling(decoderName) : null;
        try {
            Files.createDirectories(target.getParent());
            // created with the umask's mode (Files.createTempFile would make the exported files 0600)
            Path tmp = io.rnn4j.core.io.TempFiles.sibling(target);
            Path decoderTmp = decoderTarget == null ? null : io.rnn4j.core.io.TempFiles.sibling(decoderTarget);
            try {
                Files.write(tmp, r.model());
                if (decoderTmp != null) {
                    Files.write(decoderTmp, r.decoderModel());
                    move(decoderTmp, decoderTarget);
                }
                try {
                    move(tmp, target);
                } catch (IOException e) {
                    if (decoderTarget != null) {
                        Files.deleteIfExists(decoderTarget); // no decoder step without its encoder
                    }
                    throw e;
                }
            } finally {
                Files.deleteIfExists(tmp);
                if (decoderTmp != null) {
                    Files.deleteIfExists(decoderTmp);
                }
            }
        } catch (IOException e) {
            throw new Rnn4jException("RNN4J-ONNX-007", "could not write the ONNX model to " + target + ": " + e
                    + ". Check that the directory is writable and the disk has space.", e);
        }
        return new ExportResult(r.model(), target, r.parity(), r.decoderModel(), decoderTarget);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The graph(s) of an export: one model, or an encoder and a decoder step. */
    record Models(OnnxMl.ModelProto main, OnnxMl.ModelProto decoder) {
    }

    /** Builds the {@code ModelProto} without checking it (the encoder, for a decoder head). */
    OnnxMl.ModelProto toModel(Network network, ExportOptions options) {
        return toModels(network, options, null).main();
    }

    /** Builds the model, or the encoder and decoder step of a decoder head, without checking them. */
    Models toModels(Network network, ExportOptions options, String decoderFileName) {
        LayerGraph graph = network.graph();
        List<String> missing = new ArrayList<>();
        for (LayerGraph.Node n : graph.nodes()) {
            if (!byKind.containsKey(n.kind().id())) {
                missing.add(n.name() + " (" + n.kind().id() + ", at " + n.path() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new Rnn4jException("RNN4J-ONNX-001", "no ONNX exporter for " + String.join(", ", missing)
                    + ". Kinds that can be exported: " + String.join(", ", kinds()) + ". A plugin layer kind needs an "
                    + "io.rnn4j.onnx.spi.LayerExporter listed in META-INF/services.");
        }
        LayerGraph.Node head = graph.head();
        HeadExporters.Decoder decoder = byKind.get(head.kind().id()) instanceof HeadExporters.Decoder d ? d : null;
        GraphBuilder b = new GraphBuilder(network.parameters(), decoder == null ? "rnn4j" : "rnn4j_encoder",
                options.stateInputs());
        OnnxValue v = b.declareInput(graph.input());
        for (LayerGraph.Node n : graph.nodes()) {
            if (n == head && decoder != null) {
                break;
            }
            b.scope(n.name());
            v = byKind.get(n.kind().id()).export(n, v, b);
        }
        List<String> kinds = graph.nodes().stream().map(n -> n.kind().id()).toList();
        if (decoder == null) {
            b.declareOutput(v);
            return new Models(model(b.build(), "rnn4j model: " + kinds, options, Map.of()), null);
        }
        decoder.exportInitialState(graph, v, b, byKind);
        b.prune();
        DecoderLoop loop = decoder.loop(head);
        Map<String, String> encoderMeta = new LinkedHashMap<>(loop.toMetadata());
        encoderMeta.put(DecoderLoop.KEY_GRAPH, DecoderLoop.GRAPH_ENCODER);
        if (decoderFileName != null) {
            encoderMeta.put(DecoderLoop.KEY_FILE, decoderFileName);
        }
        GraphBuilder step = new GraphBuilder(network.parameters(), "rnn4j_decoder_step", options.stateInputs());
        decoder.exportStep(head, step);
        Map<String, String> stepMeta = new LinkedHashMap<>(loop.toMetadata());
        stepMeta.put(DecoderLoop.KEY_GRAPH, DecoderLoop.GRAPH_DECODER_STEP);
        return new Models(
                model(b.build(), "rnn4j model " + kinds + ": encoder (the layers before the " + head.kind().id()
                        + " head) giving the decoder's first state; drive the decoder step in a loop, see "
                        + DecoderLoop.KEY_LOOP, options, encoderMeta),
                model(step.build(), "rnn4j model " + kinds + ": one step of the " + head.kind().id() + " decoder; see "
                        + DecoderLoop.KEY_LOOP, options, stepMeta));
    }

    private static OnnxMl.ModelProto model(OnnxMl.GraphProto graph, String doc, ExportOptions options,
            Map<String, String> extra) {
        OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("rnn4j")
                .setProducerVersion(version())
                .setDocString(doc)
                .setGraph(graph);
        Map<String, String> meta = new TreeMap<>(options.metadata());
        meta.putAll(extra);
        meta.put(ExportOptions.KEY_VERSION, version());
        if (options.experimentYaml() != null) {
            meta.put(ExportOptions.KEY_EXPERIMENT, options.experimentYaml());
        }
        meta.forEach((k, val) -> m.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(val)));
        return m.build();
    }

    /** The rnn4j version, from the build. */
    public static String version() {
        try (InputStream in = OnnxExporter.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
