#!/usr/bin/env python3
"""Copies the O'Neill's tunes that rnn4j's music example needs into examples/data/.

Source: /work/shared/data/music/oneills1850/*.abc (the `oneills1850` corpus folder of music21 10.5.0;
see SOURCE.md there). Writes:

  oneills_tunes.abc              one ABC tune per block, header X/T/R/M/L/K, blank line between tunes
  oneills_tunes_SOURCE.md        that note (source, transcriber, licence), as SOURCE.md asks
  music21-corpus-license.txt     the corpus licence note, unchanged

What is kept and changed (deterministic; rerun to reproduce the committed file byte for byte):
  - one tune per O'Neill number: the source holds 171 numbers twice (two transcriptions of some
    sections); the first file in name order wins;
  - only tunes with unit note length 1/8 (an explicit `L:1/8`, or no `L:` and a meter of at least 3/4,
    where ABC's default is 1/8), one `K:` field, no field lines or inline fields ([K:...]) in the body,
    and a meter the example knows (2/4, 3/4, 4/4, C, C|, 2/2, 3/8, 6/8, 9/8, 12/8);
  - only keys a tonic and a mode (drops one `K:Bn`);
  - header: `X:` (O'Neill's number), the first `T:`, `R:` (rhythm, normalised, see rhythm()),
    `M:`, `L:1/8`, `K:`, with spaces removed from the values of M and K; other fields (B, N, Z, C, S, Q,
    ...) are dropped;
  - body: `%` comments, quoted annotations ("p", "f", ">", the only use of quotes in this collection)
    and `!...!` decorations removed; `\\` line continuations joined; runs of blanks collapsed; empty
    lines dropped. Notes, rests, bar lines, repeats, endings, slurs, ties, grace notes, tuplets,
    broken rhythm and staccato dots are unchanged.

Usage: python3 tools/data/extract_music.py [--src DIR] [--out DIR]
"""
import argparse
import os
import re
import shutil
import sys

METERS = {"2/4", "3/4", "4/4", "C", "C|", "2/2", "3/8", "6/8", "9/8", "12/8"}

# O'Neill's 1850 is ordered by section; a tune without an R: field gets its section's rhythm.
SECTIONS = [(1, 625, "air"), (626, 1115, "jig"), (1116, 1175, "slip jig"), (1176, 1555, "reel"),
            (1556, 1780, "hornpipe"), (1781, 1850, "other")]


def rhythm(field, number):
    """The rhythm normalised to air, jig, slip jig, reel, hornpipe or other."""
    r = re.sub(r"[^a-z]", "", (field or "").lower())
    if r:
        if r in ("jig", "doublejig"):
            return "jig"
        if r == "slipjig":
            return "slip jig"
        if r in ("reel", "hornpipe", "air"):
            return r
        return "other"  # waltz, march, slide
    for lo, hi, name in SECTIONS:
        if lo <= number <= hi:
            return name
    return "other"


def tunes(text):
    """Yields (header fields in order, body lines) per tune: a tune starts at an X: line."""
    block = None
    for line in text.splitlines():
        if re.match(r"^X:", line):
            if block:
                yield block
            block = []
        if block is not None:
            block.append(line)
    if block:
        yield block


def split(block):
    header, body, in_body = [], [], False
    for line in block:
        if not in_body:
            m = re.match(r"^([A-Za-z]):(.*)$", line)
            if m:
                header.append((m.group(1), m.group(2).strip()))
                if m.group(1) == "K":
                    in_body = True
            continue
        body.append(line)
    return header, body


def clean_body(lines):
    """The body text, or None when it has field lines or inline fields (not kept, see above)."""
    joined, out = "", []
    for line in lines:
        line = line.split("%", 1)[0].rstrip()
        if re.match(r"^[A-Za-z]:", line):
            return None
        if line.endswith("\\"):
            joined += line[:-1] + " "
            continue
        line = joined + line
        joined = ""
        if re.search(r"\[[A-Za-z]:", line):
            return None
        line = re.sub(r'"[^"]*"', "", line)
        line = re.sub(r"![^!]*!", "", line)
        line = re.sub(r"[ \t]+", " ", line).strip()
        if line:
            out.append(line)
    if joined.strip():
        out.append(re.sub(r"[ \t]+", " ", joined).strip())
    return "\n".join(out) if out else None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", default="/work/shared/data/music")
    ap.add_argument("--out", default=os.path.join(root, "examples", "data"))
    a = ap.parse_args()
    folder = os.path.join(a.src, "oneills1850")
    if not os.path.isdir(folder):
        sys.exit(f"extract_music.py: {folder} not found; pass --src with the folder that holds oneills1850/ and SOURCE.md")
    seen, kept, dropped = set(), [], {}

    def drop(why):
        dropped[why] = dropped.get(why, 0) + 1

    for name in sorted(os.listdir(folder)):
        if not name.endswith(".abc"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            text = f.read()
        for block in tunes(text):
            header, body = split(block)
            fields = {}
            for k, v in header:
                fields.setdefault(k, []).append(v)
            number = int(re.sub(r"\D", "", fields["X"][0]) or 0)
            if number in seen:
                drop("second transcription of a number")
                continue
            seen.add(number)
            meter = re.sub(r"\s", "", (fields.get("M") or [""])[0])
            if meter not in METERS:
                drop("meter not in the example's set")
                continue
            length = re.sub(r"\s", "", (fields.get("L") or [""])[0])
            if length == "":
                num, den = (4, 4) if meter in ("C", "C|") else map(int, meter.split("/"))
                length = "1/8" if num / den >= 0.75 else "1/16"
            if length != "1/8":
                drop("unit note length not 1/8")
                continue
            if len(fields.get("K", [])) != 1:
                drop("no key or more than one K: field")
                continue
            if not re.fullmatch(r"[A-G][#b]?(|m|min|minor|maj|major|mix|dor|phr|lyd|loc|aeo|ion)", re.sub(r"\s", "", fields["K"][0]), re.I):
                drop("key not recognised (K:Bn)")
                continue
            text_body = clean_body(body)
            if text_body is None:
                drop("field lines or inline fields in the body, or no body")
                continue
            title = (fields.get("T") or [""])[0]
            key = re.sub(r"\s", "", fields["K"][0])
            r = rhythm((fields.get("R") or [""])[0], number)
            kept.append((number, f"X:{number}\nT:{title}\nR:{r}\nM:{meter}\nL:1/8\nK:{key}\n{text_body}\n"))
    kept.sort()
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "oneills_tunes.abc"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(t for _, t in kept))
    shutil.copyfile(os.path.join(a.src, "music21-corpus-license.txt"), os.path.join(a.out, "music21-corpus-license.txt"))
    shutil.copyfile(os.path.join(a.src, "SOURCE.md"), os.path.join(a.out, "oneills_tunes_SOURCE.md"))
    print(f"kept {len(kept)} tunes; dropped: " + ", ".join(f"{v} {k}" for k, v in sorted(dropped.items())))


if __name__ == "__main__":
    main()
