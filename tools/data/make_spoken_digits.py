#!/usr/bin/env python3
"""Make the spoken-digit-strings data of rnn4j's speech example (examples/data/spoken_digits/).

Real speech (test set): Debian's asterisk-core-sounds-en-wav 1.6.1 (Allison Smith's voice, the
"en_US_f_Allison" prompts, CC-BY-SA-3.0; transcripts in asterisk-core-sounds-en's core-sounds-en.txt):
``digits/0.wav`` .. ``digits/9.wav`` ("zero" .. "nine") and ``digits/oh.wav`` ("oh", said for 0 in half
of the zeros). Each test utterance is a string of 3 to 6 digits spliced from these single-digit
recordings with 60 to 250 ms of silence between them: real recorded speech, but one recording per digit,
so the test set is 11 recordings in many orders, not 40 independent utterances.

Synthesized speech (training and validation): Debian's espeak-ng 1.51 (formant voices: 5 English
accents x 12 voice variants) and flite 2.2 (voices kal, awb, rms) speaking random digit strings of 2 to 5
digits as words at random speed (espeak -s 120..200) and pitch (-p 25..75). Validation holds out the
voices flite slt and espeak en-us+f4/en-gb+m6 (never in training). No Allison audio is in training or
validation.

All audio is resampled (linear interpolation) to 8 kHz, trimmed of leading/trailing silence, and stored
as 8-bit unsigned PCM mono WAV to keep the files small. Lists ``{train,validation,test}.csv`` have
``file,text`` with the digits as characters (``4190``). Deterministic for given package versions.

The defaults (240 training, 30 validation, 40 test utterances: 3.96 MB in all) keep the shipped data to a
few MB; the first N utterances of a split do not depend on how many are made, but the later splits do
(one random stream runs through all three), so change the counts only to remake all of it. Before the
cut the data was 420 / 60 / 100 (7.7 MB).

    apt-get install -y espeak-ng flite asterisk-core-sounds-en-wav asterisk-core-sounds-en
    rm -rf examples/data/spoken_digits
    python3 tools/data/make_spoken_digits.py [--out examples/data/spoken_digits] [--train 240 --validation 30 --test 40]
"""

import argparse
import os
import random
import struct
import subprocess
import tempfile
import wave

ALLISON = "/usr/share/asterisk/sounds/en_US_f_Allison/digits"
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
ACCENTS = ["en-us", "en-gb", "en-gb-scotland", "en-029", "en-gb-x-rp"]
VARIANTS = ["m1", "m2", "m3", "m4", "m5", "m7", "f1", "f2", "f3", "f5", "klatt", "klatt3"]
FLITE_TRAIN = ["kal", "awb", "rms"]
HELD_OUT = [("flite", "slt"), ("espeak", "en-us+f4"), ("espeak", "en-gb+m6")]
RATE = 8000


def read(path):
    with wave.open(path, "rb") as w:
        n = w.getnframes()
        raw = w.readframes(n)
        assert w.getnchannels() == 1 and w.getsampwidth() == 2, path
        return [v / 32768.0 for v in struct.unpack("<%dh" % n, raw)], w.getframerate()


def resample(x, rate):
    if rate == RATE:
        return x
    step = rate / RATE
    n = int((len(x) - 1) / step) + 1
    out = []
    for i in range(n):
        p = i * step
        j = int(p)
        f = p - j
        out.append(x[j] * (1 - f) + x[j + 1] * f if j + 1 < len(x) else x[j])
    return out


def trim(x, threshold=0.01, pad=400):
    loud = [i for i, v in enumerate(x) if abs(v) > threshold]
    if not loud:
        return x
    return x[max(0, loud[0] - pad):loud[-1] + pad]


def write8(path, x):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(RATE)
        w.writeframes(bytes(max(0, min(255, int(round(v * 127)) + 128)) for v in x))


def synth(engine, voice, text, rng, tmp):
    path = os.path.join(tmp, "s.wav")
    if engine == "espeak":
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(rng.randint(120, 200)), "-p", str(rng.randint(25, 75)),
                        "-w", path, text], check=True)
    else:
        subprocess.run(["flite", "-voice", voice, "--setf", "duration_stretch=%.2f" % rng.uniform(0.8, 1.3),
                        "-t", text, "-o", path], check=True)
    x, rate = read(path)
    x = resample(x, rate)
    peak = max(1e-6, max(abs(v) for v in x))
    return trim([v * 0.8 / peak for v in x])


def digits(rng, lo, hi):
    return "".join(str(rng.randrange(10)) for _ in range(rng.randint(lo, hi)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "examples", "data",
                                                  "spoken_digits"))
    ap.add_argument("--train", type=int, default=240)
    ap.add_argument("--validation", type=int, default=30)
    ap.add_argument("--test", type=int, default=40)
    args = ap.parse_args()
    out = os.path.normpath(args.out)
    for split in ("train", "validation", "test"):
        os.makedirs(os.path.join(out, split), exist_ok=True)
    rng = random.Random(20261202)
    tmp = tempfile.mkdtemp(prefix="spoken-")
    train_voices = [("espeak", "%s+%s" % (a, v)) for a in ACCENTS for v in VARIANTS] + [("flite", v) for v in FLITE_TRAIN]
    train_voices = [tv for tv in train_voices if tv not in HELD_OUT]
    for split, count, voices in (("train", args.train, train_voices), ("validation", args.validation, HELD_OUT)):
        lines = ["file,text"]
        for i in range(count):
            engine, voice = voices[i % len(voices)]
            text = digits(rng, 2, 5)
            x = synth(engine, voice, " ".join(WORDS[int(c)] for c in text), rng, tmp)
            name = "%s/%04d.wav" % (split, i)
            write8(os.path.join(out, name), x)
            lines.append("%s,%s" % (name, text))
        open(os.path.join(out, split + ".csv"), "w").write("\n".join(lines) + "\n")
        print(split, count, "utterances from", len(voices), "voices")
    recordings = {}
    for d in range(10):
        x, rate = read(os.path.join(ALLISON, "%d.wav" % d))
        recordings[str(d)] = trim(resample(x, rate), pad=160)
    x, rate = read(os.path.join(ALLISON, "oh.wav"))
    oh = trim(resample(x, rate), pad=160)
    lines = ["file,text"]
    for i in range(args.test):
        text = digits(rng, 3, 6)
        audio = [0.0] * rng.randint(480, 2000)
        for c in text:
            audio += oh if c == "0" and rng.random() < 0.5 else recordings[c]
            audio += [0.0] * rng.randint(480, 2000)
        name = "test/%04d.wav" % i
        write8(os.path.join(out, name), audio)
        lines.append("%s,%s" % (name, text))
    open(os.path.join(out, "test.csv"), "w").write("\n".join(lines) + "\n")
    print("test", args.test, "utterances spliced from Allison's 11 digit recordings")


if __name__ == "__main__":
    main()
