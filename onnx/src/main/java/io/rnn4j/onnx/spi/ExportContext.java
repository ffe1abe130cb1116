package io.rnn4j.onnx.spi;

import io.rnn4j.core.ParamId;
import io.rnn4j.core.Tensor;
import java.util.List;

/**
 * The ONNX graph being built, as a {@link LayerExporter} sees it. Every method that adds a node
 * returns the name of its (fresh, unique) output tensor. Opset 17 operators are available.
 */
public interface ExportContext {

    /** Adds a node with one output. */
    String op(String opType, List<String> inputs, OnnxAttribute... attributes);

    /**
     * Adds a node with several outputs; an empty input name stands for an omitted optional input.
     *
     * @return the output names, in the operator's order
     */
    List<String> op(String opType, List<String> inputs, int outputs, OnnxAttribute... attributes);

    /** Adds a float32 initializer; {@code hint} becomes part of its (unique) name. */
    String initializer(String hint, float[] values, long... dims);

    /**
     * The float32 initializer holding a parameter of the exported network: added on the first call for
     * {@code id}, the same name on every later call, so a parameter used by two layers (an embedding table
     * that is also the output weights) is stored once. The default adds a new initializer on every call,
     * for contexts that do not keep track.
     */
    default String parameterInitializer(String hint, ParamId id) {
        Tensor t = parameter(id);
        long[] dims = new long[t.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.dim(i);
        }
        return initializer(hint, t.toArray(), dims);
    }

    /** A 1-D int64 constant. */
    String int64s(long... values);

    /** A float32 scalar constant. */
    String scalar(float value);

    /** The value of a parameter of the exported network. */
    Tensor parameter(ParamId id);

    /** The ids of every parameter of the exported network, in declaration order. */
    List<ParamId> parameterIds();

    /** Whether the exported network has this parameter (a dense layer without bias has no {@code BIAS}). */
    boolean hasParameter(ParamId id);

    /** The graph input {@code sequence_lens} cast to int64, {@code [batch]}. */
    String lengths();

    /** The graph input {@code sequence_lens} as given, int32 {@code [batch]}. */
    String sequenceLens();

    /**
     * Which steps are valid, as a bool tensor ready to broadcast over features: {@code [batch, time, 1]},
     * or {@code [time, batch, 1]} when {@code timeMajor}.
     */
    String validSteps(boolean timeMajor);

    /** {@code lengths > 0} as a bool {@code [batch, 1]}: whether a sequence has any valid step. */
    String nonEmpty();

    /** The batch size as a 1-D int64 tensor of one element. */
    String batchSize();

    /** The value as a batch-major sequence (adds a Transpose if it is time-major). */
    OnnxValue batchMajor(OnnxValue value);

    /** The value as a time-major sequence (adds a Transpose if it is batch-major). */
    OnnxValue timeMajor(OnnxValue value);

    /** {@code Where(mask, value, 0)} over the valid steps of a sequence of the given layout. */
    String zeroPadding(String value, boolean timeMajor);

    /**
     * Declares the initial state of a recurrent layer, {@code [rows, batch, hidden]}: a graph input named
     * {@code name}, or zeros when the export has no state inputs ({@link io.rnn4j.onnx.StateInputs}).
     *
     * @return the name of the state tensor, {@code [rows, batch, hidden]}, ready to use
     */
    String stateInput(String name, int rows, int hidden);

    /** Declares a graph output holding a recurrent state {@code [rows, batch, hidden]}. */
    void stateOutput(String name, String tensor, int rows, int hidden);
}
