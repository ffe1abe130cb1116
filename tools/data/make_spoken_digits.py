#!/usr/bin/env python3
"""Make the spoken-digit-strings data of rnn4j's speech example (examples/data/spoken_digits/).

Real speech (test set): Debian's asterisk-core-sounds-en-wav 1.6.1 (Allison Smith's voice, the
"en_US_f_Allison" prompts, CC-BY-SA-3.0; transcripts in asterisk-core-sounds-en's core-sounds-en.txt):
``digits/0.wav`` .. ``digits/9.wav`` ("zero" .. "nine") and ``digits/oh.wav`` ("oh", said for 0 in half
of the zeros). Each test utterance is a string of 3 to 6 digits spliced from these single-digit
recordings with 60 to 250 ms of silence (exact zeros) between them: real recorded speech, but one
recording per digit, so the test set is 11 recordings in many orders, not 40 independent utterances.
The test set is the same, file for file, as the one of the first version of this script (its random
stream is replayed, see ``legacy_test_rng``).

Synthesized speech (training and validation): Debian's espeak-ng 1.51 (formant voices: 8 English
accents x 34 voice variants) and flite 2.2 (voices kal, kal16, awb, rms), at random speed and pitch.
Two ways of making an utterance, both in training and in validation:

* spliced (the way the test strings are made): every digit of the string is synthesized alone (one voice,
  speed and pitch for the whole string), trimmed of silence, and the digits are joined with 60 to 250 ms
  of exact zeros before, between and after them;
* whole: the string is synthesized in one go as words ("four one nine").

A zero is said "zero" or, half of the time, "oh" (as in the test). Half of the training utterances are
band-limited to the telephone band (300-3400 Hz). Validation holds out the voices flite slt, espeak
en-us+f4 and en-gb+m6: variants f4 and m6 and the voice slt are in no training utterance. No Allison
audio is in training or validation.

Synthesized audio is resampled to 8 kHz with an anti-aliasing polyphase filter (scipy's resample_poly),
peak-normalised to 0.3..0.9, and stored as 8-bit unsigned PCM mono WAV to keep the files small. Lists
``{train,validation,test}.csv`` have ``file,text`` with the digits as characters (``4190``).
Deterministic for given package versions.

    apt-get install -y espeak-ng flite asterisk-core-sounds-en-wav asterisk-core-sounds-en python3-numpy python3-scipy
    rm -rf examples/data/spoken_digits
    python3 tools/data/make_spoken_digits.py [--out examples/data/spoken_digits]
"""

import argparse
import os
import random
import struct
import subprocess
import tempfile
import wave

import numpy as np
from scipy.signal import butter, resample_poly, sosfilt

ALLISON = "/usr/share/asterisk/sounds/en_US_f_Allison/digits"
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
ACCENTS = ["en-us", "en-gb", "en-gb-scotland", "en-029", "en-gb-x-rp", "en-gb-x-gbclan", "en-gb-x-gbcwmd",
           "en-us-nyc"]
VARIANTS = ["m1", "m2", "m3", "m4", "m5", "m7", "m8", "f1", "f2", "f3", "f5", "klatt", "klatt2", "klatt3",
            "klatt4", "klatt6", "Alicia", "Andrea", "Annie", "adam", "Andy", "aunty", "belinda", "linda",
            "david", "edward", "john", "max", "paul", "michel", "steph", "shelby", "robert", "victor"]
FLITE_TRAIN = ["kal", "kal16", "awb", "rms"]
HELD_OUT = [("flite", "slt"), ("espeak", "en-us+f4"), ("espeak", "en-gb+m6")]
RATE = 8000


def read(path):
    with wave.open(path, "rb") as w:
        n = w.getnframes()
        raw = w.readframes(n)
        assert w.getnchannels() == 1 and w.getsampwidth() == 2, path
        return [v / 32768.0 for v in struct.unpack("<%dh" % n, raw)], w.getframerate()


def resample_linear(x, rate):
    """The first version's resampling (linear interpolation), kept for the test set (8 kHz already)."""
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


def to8k(x, rate):
    """Resampled to 8 kHz with an anti-aliasing filter (polyphase, Kaiser window)."""
    x = np.asarray(x, dtype=np.float64)
    if rate == RATE:
        return x
    g = np.gcd(rate, RATE)
    return resample_poly(x, RATE // g, rate // g)


def trim_np(x, threshold=0.01, pad=160):
    loud = np.nonzero(np.abs(x) > threshold * np.max(np.abs(x)) / 0.8)[0]
    if len(loud) == 0:
        return x
    return x[max(0, loud[0] - pad):loud[-1] + pad]


class Speaker:
    """One voice at one speed and pitch."""

    def __init__(self, engine, voice, rng):
        self.engine = engine
        self.voice = voice
        self.speed = rng.randint(120, 210)  # espeak words per minute
        self.pitch = rng.randint(20, 80)
        self.stretch = rng.uniform(0.8, 1.3)  # flite duration_stretch
        self.f0 = rng.uniform(0.85, 1.2)  # flite pitch factor

    def say(self, text, tmp):
        path = os.path.join(tmp, "s.wav")
        if self.engine == "espeak":
            subprocess.run(["espeak-ng", "-v", self.voice, "-s", str(self.speed), "-p", str(self.pitch),
                            "-w", path, text], check=True)
        else:
            mean = 170 if self.voice == "slt" else 105
            subprocess.run(["flite", "-voice", self.voice, "--setf", "duration_stretch=%.2f" % self.stretch,
                            "--setf", "int_f0_target_mean=%.0f" % (mean * self.f0), "-t", text, "-o", path],
                           check=True)
        x, rate = read(path)
        x = to8k(x, rate)
        return x / max(1e-6, np.max(np.abs(x)))


def word(c, rng):
    return "oh" if c == "0" and rng.random() < 0.5 else WORDS[int(c)]


def digits(rng, lo, hi):
    return "".join(str(rng.randrange(10)) for _ in range(rng.randint(lo, hi)))


def spliced(speaker, text, rng, tmp):
    """Every digit said alone, trimmed, joined with 60-250 ms of zeros (as the test strings)."""
    parts = [np.zeros(rng.randint(480, 2000))]
    for c in text:
        parts.append(trim_np(speaker.say(word(c, rng), tmp)) * 10 ** (rng.uniform(-3, 3) / 20))
        parts.append(np.zeros(rng.randint(480, 2000)))
    return np.concatenate(parts)


def whole(speaker, text, rng, tmp):
    return trim_np(speaker.say(" ".join(word(c, rng) for c in text), tmp), pad=400)


def telephone(x):
    return sosfilt(butter(4, [300, 3400], btype="bandpass", fs=RATE, output="sos"), x)


def make_split(out, split, count, voices, lo, hi, spliced_share, phone_share, rng, tmp):
    lines = ["file,text"]
    for i in range(count):
        engine, voice = voices[rng.randrange(len(voices))]
        speaker = Speaker(engine, voice, rng)
        text = digits(rng, lo, hi)
        x = spliced(speaker, text, rng, tmp) if rng.random() < spliced_share else whole(speaker, text, rng, tmp)
        if rng.random() < phone_share:
            x = telephone(x)
        x = x * rng.uniform(0.3, 0.9) / max(1e-6, np.max(np.abs(x)))
        name = "%s/%04d.wav" % (split, i)
        write8(os.path.join(out, name), x.tolist())
        lines.append("%s,%s" % (name, text))
    open(os.path.join(out, split + ".csv"), "w").write("\n".join(lines) + "\n")
    print(split, count, "utterances from", len(voices), "voices")


def legacy_test_rng():
    """The random stream of the first version of this script, replayed up to where it made the test set
    (it drew 240 training and 30 validation strings and their speeds first), so the test set stays the same."""
    rng = random.Random(20261202)
    accents = ["en-us", "en-gb", "en-gb-scotland", "en-029", "en-gb-x-rp"]
    variants = ["m1", "m2", "m3", "m4", "m5", "m7", "f1", "f2", "f3", "f5", "klatt", "klatt3"]
    engines = ["espeak"] * (len(accents) * len(variants)) + ["flite"] * 3
    for count, split_engines in ((240, engines), (30, ["flite", "espeak", "espeak"])):
        for i in range(count):
            digits(rng, 2, 5)
            if split_engines[i % len(split_engines)] == "espeak":
                rng.randint(120, 200)
                rng.randint(25, 75)
            else:
                rng.uniform(0.8, 1.3)
    return rng


def make_test(out, count):
    rng = legacy_test_rng()
    recordings = {}
    for d in range(10):
        x, rate = read(os.path.join(ALLISON, "%d.wav" % d))
        recordings[str(d)] = trim(resample_linear(x, rate), pad=160)
    x, rate = read(os.path.join(ALLISON, "oh.wav"))
    oh = trim(resample_linear(x, rate), pad=160)
    lines = ["file,text"]
    for i in range(count):
        text = digits(rng, 3, 6)
        audio = [0.0] * rng.randint(480, 2000)
        for c in text:
            audio += oh if c == "0" and rng.random() < 0.5 else recordings[c]
            audio += [0.0] * rng.randint(480, 2000)
        name = "test/%04d.wav" % i
        write8(os.path.join(out, name), audio)
        lines.append("%s,%s" % (name, text))
    open(os.path.join(out, "test.csv"), "w").write("\n".join(lines) + "\n")
    print("test", count, "utterances spliced from Allison's 11 digit recordings")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "examples", "data",
                                                  "spoken_digits"))
    ap.add_argument("--train", type=int, default=280)
    ap.add_argument("--validation", type=int, default=40)
    ap.add_argument("--test", type=int, default=40)
    ap.add_argument("--skip-test", action="store_true", help="leave the test set as it is")
    args = ap.parse_args()
    out = os.path.normpath(args.out)
    for split in ("train", "validation", "test"):
        os.makedirs(os.path.join(out, split), exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="spoken-")
    train_voices = [("espeak", "%s+%s" % (a, v)) for a in ACCENTS for v in VARIANTS] + [("flite", v) for v in FLITE_TRAIN]
    assert not set(train_voices) & set(HELD_OUT)
    # training: two thirds spliced as the test strings (1 to 5 digits), a third whole strings (1 to 5)
    make_split(out, "train", args.train, train_voices, 1, 5, 2 / 3, 0.5, random.Random(20261203), tmp)
    # validation: held-out voices, spliced as the test strings (3 to 6 digits) but for a quarter said whole
    make_split(out, "validation", args.validation, HELD_OUT, 3, 6, 3 / 4, 0.0, random.Random(20261204), tmp)
    if not args.skip_test:
        make_test(out, args.test)


if __name__ == "__main__":
    main()
