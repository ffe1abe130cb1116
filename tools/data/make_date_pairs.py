#!/usr/bin/env python3
"""Generates the date-normalisation pairs of rnn4j's seq2seq example (seeded, stdlib only).

Each pair is a date written in one of many human formats (the source) and the same date in ISO
8601 (the target), for example ``"Monday, 23 November 2026" -> "2026-11-23"``.

Dates are drawn uniformly from 1970-01-01 .. 2049-12-31 so that the two-digit-year format
(``11/23/26``) is unambiguous with the usual pivot (70..99 -> 19xx, 00..49 -> 20xx). Formats that
would be ambiguous with each other (d/m/y beside m/d/y) are not mixed: slashes are always US order,
dots are always day.month.year. Month and weekday names are English and built here, not taken from
the locale, so the output is the same on every machine.

Every source string is unique across the three splits, so no test source is seen in training.

    python3 tools/data/make_date_pairs.py --seed 20261123 --out examples/data
"""
import argparse
import csv
import datetime
import os
import random

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def ordinal(n):
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


FORMATS = [
    lambda d: f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}",                      # 23 Nov 2026
    lambda d: f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}",                    # 11/23/26
    lambda d: f"{MONTHS[d.month - 1]} {ordinal(d.day)}, {d.year}",                # November 23rd, 2026
    lambda d: f"{d.year}.{d.month:02d}.{d.day:02d}",                              # 2026.11.23
    lambda d: f"{DAYS[d.weekday()]}, {d.day} {MONTHS[d.month - 1]} {d.year}",     # Monday, 23 November 2026
    lambda d: f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}",                     # Nov 23, 2026
    lambda d: f"{d.day} {MONTHS[d.month - 1].upper()} {d.year}",                  # 23 NOVEMBER 2026
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",                              # 23.11.2026
    lambda d: f"{ordinal(d.day)} of {MONTHS[d.month - 1]} {d.year}",              # 23rd of November 2026
    lambda d: f"{DAYS[d.weekday()][:3]} {d.day} {MONTHS[d.month - 1][:3]} {d.year}",  # Mon 23 Nov 2026
    lambda d: f"{d.month}/{d.day}/{d.year}",                                      # 11/23/2026
    lambda d: f"{d.year}{d.month:02d}{d.day:02d}",                                # 20261123
    lambda d: f"{MONTHS[d.month - 1].lower()} {d.day} {d.year}",                  # november 23 2026
    lambda d: f"{d.year}-{d.month}-{d.day}",                                      # 2026-11-23 unpadded
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--out", default="examples/data")
    ap.add_argument("--train", type=int, default=10000)
    ap.add_argument("--validation", type=int, default=1000)
    ap.add_argument("--test", type=int, default=1000)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    first = datetime.date(1970, 1, 1).toordinal()
    last = datetime.date(2049, 12, 31).toordinal()
    total = args.train + args.validation + args.test
    seen = set()
    pairs = []
    while len(pairs) < total:
        d = datetime.date.fromordinal(rng.randint(first, last))
        source = rng.choice(FORMATS)(d)
        if source in seen:
            continue
        seen.add(source)
        pairs.append((source, d.isoformat()))

    os.makedirs(args.out, exist_ok=True)
    bounds = [("train", 0, args.train),
              ("validation", args.train, args.train + args.validation),
              ("test", args.train + args.validation, total)]
    for name, lo, hi in bounds:
        with open(os.path.join(args.out, f"dates_{name}.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["source", "target"])
            w.writerows(pairs[lo:hi])


if __name__ == "__main__":
    main()
