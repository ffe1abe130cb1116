#!/usr/bin/env python3
"""Structural check of exported rnn4j ONNX models.

Runs onnx.checker.check_model(model, full_check=True) (which includes strict shape inference) on every
.onnx file under the directory given as the only argument, printing one line per file, and exits
non-zero if any file fails or if the directory holds no model.

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
    print(f"onnx {onnx.__version__}: {len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
