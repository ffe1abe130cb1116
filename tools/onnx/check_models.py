#!/usr/bin/env python3
"""Structural check of exported rnn4j ONNX models.

Runs onnx.checker.check_model(model, full_check=True) (which includes strict shape inference) on every
.onnx file under the directory given as the only argument, printing one line per file, and exits
non-zero if any file fails or if the directory holds no model.

A model exported as an encoder / decoder-step pair (a seq2seq or one_to_many head: metadata
rnn4j.graph = encoder) is also checked as a pair: its decoder step (metadata rnn4j.decoder.file, next to it)
must exist and say rnn4j.graph = decoder_step, the encoder's outputs h (and c) must have the types and shapes
of the decoder step's inputs h (and c), and the decoder step must have the inputs and outputs that its
rnn4j.decoder.* metadata describes (token or value; logits or values; h_next, c_next).

If the onnx package cannot be imported, prints a SKIPPED line and exits 0 so that a developer machine
without it still builds; CI installs it (Debian: apt-get install -y python3-onnx; run with /usr/bin/python3).

Usage: /usr/bin/python3 tools/onnx/check_models.py onnx/target/onnx-models
"""
import pathlib
import sys


def main(argv):
    if len(argv) != 2:
        print("usage: check_models.py DIRECTORY", file=sys.stderr)
        return 2
    directory = pathlib.Path(argv[1])
    try:
        import onnx
    except ImportError as e:
        print(f"SKIPPED: the Python package 'onnx' is not importable ({e}); "
              f"install it (apt-get install -y python3-onnx) to check the models in {directory}")
        return 0
    if not directory.is_dir():
        print(f"FAILED: {directory} is not a directory (run the rnn4j-onnx tests first)", file=sys.stderr)
        return 1
    files = sorted(directory.rglob("*.onnx"))
    if not files:
        print(f"FAILED: no .onnx file under {directory} (run the rnn4j-onnx tests first)", file=sys.stderr)
        return 1
    failed = 0
    for f in files:
        try:
            model = onnx.load(str(f))
            onnx.checker.check_model(model, full_check=True)
            opset = ",".join(f"{o.domain or 'ai.onnx'}:{o.version}" for o in model.opset_import)
            print(f"OK      {f} (ir {model.ir_version}, opset {opset}, {len(model.graph.node)} nodes)")
        except Exception as e:  # noqa: BLE001 - report every failure, keep going
            failed += 1
            message = str(e).strip().replace("\n", " | ")
            print(f"FAILED  {f}: {type(e).__name__}: {message}")
            continue
        meta = {p.key: p.value for p in model.metadata_props}
        if meta.get("rnn4j.graph") == "encoder":
            problems = check_pair(onnx, f, model, meta)
            if problems:
                failed += 1
                print(f"FAILED  {f} as a pair: " + "; ".join(problems))
            else:
                print(f"PAIR OK {f} + {meta.get('rnn4j.decoder.file')} ({meta.get('rnn4j.decoder.head')}, "
                      f"feedback {meta.get('rnn4j.decoder.feedback')}, state {meta.get('rnn4j.decoder.state')})")
    # worded so that CI log readers do not take it for the test runner's own "N passed, N failed" summary
    print(f"onnx {onnx.__version__} checker: {len(files) - failed} models OK, {failed} with errors")
    return 1 if failed else 0


def signature(value_info):
    """(element type, dims) of a graph input or output; a symbolic dim is its name."""
    t = value_info.type.tensor_type
    return t.elem_type, [d.dim_param if d.dim_param else d.dim_value for d in t.shape.dim]


def check_pair(onnx, encoder_file, encoder, meta):
    """Problems with an encoder / decoder-step pair, as sentences (empty when it is sound)."""
    name = meta.get("rnn4j.decoder.file")
    if not name:
        return ["the encoder does not name its decoder step (metadata rnn4j.decoder.file)"]
    decoder_file = encoder_file.parent / name
    if not decoder_file.is_file():
        return [f"its decoder step {decoder_file} is missing"]
    decoder = onnx.load(str(decoder_file))
    dmeta = {p.key: p.value for p in decoder.metadata_props}
    problems = []
    if dmeta.get("rnn4j.graph") != "decoder_step":
        problems.append(f"{name} says rnn4j.graph = {dmeta.get('rnn4j.graph')}, not decoder_step")
    loop_keys = sorted(k for k in meta if k.startswith("rnn4j.decoder.") and k != "rnn4j.decoder.file")
    if any(meta[k] != dmeta.get(k) for k in loop_keys):
        problems.append("the two files describe different loops (rnn4j.decoder.*)")
    state = meta.get("rnn4j.decoder.state", "").split(",")
    feedback = meta.get("rnn4j.decoder.feedback")
    enc_out = {o.name: signature(o) for o in encoder.graph.output}
    dec_in = {i.name: signature(i) for i in decoder.graph.input}
    dec_out = {o.name: signature(o) for o in decoder.graph.output}
    for s in state:
        if s not in enc_out:
            problems.append(f"the encoder has no output '{s}'")
        elif enc_out[s] != dec_in.get(s):
            problems.append(f"the encoder's '{s}' {enc_out[s]} is not the decoder step's input '{s}' {dec_in.get(s)}")
        if f"{s}_next" not in dec_out or dec_out[f"{s}_next"] != dec_in.get(s):
            problems.append(f"the decoder step's '{s}_next' does not match its input '{s}'")
    fed, emitted = ("token", "logits") if feedback == "token" else ("value", "values")
    if set(dec_in) != {fed, *state}:
        problems.append(f"the decoder step's inputs are {sorted(dec_in)}, expected {sorted({fed, *state})}")
    if emitted not in dec_out:
        problems.append(f"the decoder step has no output '{emitted}'")
    elif dec_out[emitted][1][-1] != int(meta.get("rnn4j.decoder.outputs", -1)):
        problems.append(f"'{emitted}' has {dec_out[emitted][1][-1]} values per step, the metadata says "
                        f"{meta.get('rnn4j.decoder.outputs')}")
    return problems


if __name__ == "__main__":
    sys.exit(main(sys.argv))
