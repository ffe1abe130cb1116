#!/usr/bin/env python3
"""Reference figures for rnn4j's session data and baselines, computed independently of the Java code.

Reads examples/data/movielens_events.csv, cuts sessions at pauses longer than GAP seconds (per user,
events in time order, ties in file order), splits them by end time (the last TEST share of sessions by
end time is test, the VALIDATION share before it validation; a session goes to the part in which it
ends), builds the item vocabulary on the training sessions (items seen at least MIN_COUNT times, ids
<pad>=0, <unk>=1, then by count descending, then item id as text), keeps known items only, drops
sessions left with fewer than two items, and scores on every next-item event of the test sessions:

  most popular: rank = 1 + number of vocabulary ids with a larger training count
  item-kNN:     sim(i, j) = sessions holding both / sqrt((n_i + LAMBDA)(n_j + LAMBDA)), n = sessions
                holding the item; score every id, order by (sim, training count) descending;
                rank = 1 + number of ids strictly before the target in that order

by brute force over all ids (no shortcuts), and writes the figures as JSON. With --exclude-seen the items
already in the session (s[0..t]) are left out of both rankings (rank = 1 + number of ids NOT in s[0..t]
strictly before the target), and an event whose next item is in s[0..t] is a miss (`exclude_seen: true`).

Usage: python3 tools/reference/session_baselines.py > data/src/test/resources/sessions/movielens_reference.json
       python3 tools/reference/session_baselines.py --split validation --lambda 50   (other split, other LAMBDA;
       the figures of the validation split are the ones to choose LAMBDA and the GRU's settings on)
       python3 tools/reference/session_baselines.py --split validation --exclude-seen   (seen items left out)
"""
import argparse
import collections
import csv
import json
import math
import os
import sys

GAP, VALIDATION, TEST, MIN_COUNT, LAMBDA, K = 1800, 0.1, 0.1, 5, 20.0, 20
args = argparse.ArgumentParser(description="most-popular and item-kNN Recall@20 / MRR@20 on MovieLens sessions")
args.add_argument("--split", choices=["test", "validation"], default="test", help="the sessions scored (default test)")
args.add_argument("--lambda", dest="lam", type=float, default=LAMBDA, help="item-kNN regulariser (default 20)")
args.add_argument("--exclude-seen", action="store_true", help="leave the session's items so far out of the ranking")
args = args.parse_args()
LAMBDA = args.lam

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
rows = list(csv.DictReader(open(os.path.join(root, "examples", "data", "movielens_events.csv"), encoding="utf-8")))
by_user = collections.OrderedDict()
for r in rows:
    by_user.setdefault(r["user"], []).append((int(r["time"]), r["item"]))
sessions = []  # (end, items)
for user, evs in by_user.items():
    evs.sort(key=lambda e: e[0])  # stable
    cur, last = [], None
    for t, item in evs:
        if cur and t - last > GAP:
            sessions.append((last, cur))
            cur = []
        cur.append(item)
        last = t
    sessions.append((last, cur))
ends = sorted(e for e, _ in sessions)
n = len(ends)
test_cut = ends[min(n - 1, math.floor((1 - TEST) * n + 1e-9))]
val_cut = ends[min(n - 1, math.floor((1 - TEST - VALIDATION) * n + 1e-9))]
train = [s for e, s in sessions if e < val_cut]
val = [s for e, s in sessions if val_cut <= e < test_cut]
test = [s for e, s in sessions if e >= test_cut]
counts = collections.Counter(i for s in train for i in s)
kept = sorted((i for i, c in counts.items() if c >= MIN_COUNT), key=lambda i: (-counts[i], i))
ids = {item: k + 2 for k, item in enumerate(kept)}
V = len(kept) + 2


def encode(ss):
    out = []
    for s in ss:
        e = [ids[i] for i in s if i in ids]
        if len(e) >= 2:
            out.append(e)
    return out


tr, te = encode(train), encode(test if args.split == "test" else val)
cnt = [0] * V
for s in tr:
    for i in s:
        cnt[i] += 1
holds = [0] * V
both = collections.defaultdict(collections.Counter)
for s in tr:
    d = set(s)
    for a in d:
        holds[a] += 1
        for b in d:
            if a != b:
                both[a][b] += 1


def sim(a, b):
    if a == b:
        return 0.0
    c = both[a].get(b, 0)
    return c / math.sqrt((holds[a] + LAMBDA) * (holds[b] + LAMBDA)) if c else 0.0


pop = {"recall": 0.0, "mrr": 0.0}
knn = {"recall": 0.0, "mrr": 0.0}
events = 0
for s in te:
    for t in range(len(s) - 1):
        nxt, last = s[t + 1], s[t]
        events += 1
        seen = set(s[:t + 1]) if args.exclude_seen else set()
        if nxt in seen:
            continue  # a miss for both: it cannot be recommended (counted in `events`, adds nothing)
        r_pop = 1 + sum(1 for j in range(V) if j not in seen and cnt[j] > cnt[nxt])
        key = (sim(last, nxt), cnt[nxt])
        r_knn = 1 + sum(1 for j in range(V) if j not in seen and (sim(last, j), cnt[j]) > key)
        for d, r in ((pop, r_pop), (knn, r_knn)):
            if r <= K:
                d["recall"] += 1
                d["mrr"] += 1 / r
for d in (pop, knn):
    d["recall"] /= events
    d["mrr"] /= events
json.dump({"exclude_seen": args.exclude_seen, "gap": GAP, "validation": VALIDATION, "test": TEST, "min_count": MIN_COUNT, "lambda": LAMBDA, "k": K,
           "sessions": n, "train_sessions": len(train), "validation_sessions": len(val), "test_sessions": len(test),
           "validation_cut": val_cut, "test_cut": test_cut, "vocabulary": V, "train_encoded": len(tr),
           "test_encoded": len(te), "test_events": events, "most_popular": pop, "item_knn": knn},
          sys.stdout, indent=2)
print()
