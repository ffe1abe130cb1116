#!/usr/bin/env python3
"""Generate PyTorch reference data for rnn4j's CTC loss (core: io.rnn4j.core.loss.CtcLoss).

Writes ``core/src/test/resources/io/rnn4j/core/reference/ctc.txt`` in the format of
``torch_training_reference.py`` (``<case>.<field> token ...``; ``#`` comments; ``<case>.spec``
holds ``name=value`` options with PyTorch's argument names).

Every case draws logits as float32 (exact in float64), takes ``log_softmax`` in float64 and calls
``F.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank, reduction, zero_infinity)``
in float64. Fields:

* ``shape``          B T C (batch, frames, outputs = classes + 1 with the blank)
* ``lengths``        input lengths (rnn4j's mask)
* ``label_lengths``  target lengths
* ``targets``        B x max(1, max label length), padded with -1 (rnn4j's target layout)
* ``torch_targets``  (``garbage`` cases only) what PyTorch was given instead: the same labels, but the
                     places beyond each ``label_lengths`` hold random labels, not padding; PyTorch reads
                     only the first ``target_lengths`` entries, so the loss is the same as with padding
* ``predictions``    the float32 logits, [batch, time, C] row-major
* ``loss``           F.ctc_loss with the case's reduction
* ``per_sequence``   F.ctc_loss with reduction='none' (inf for impossible alignments)
* ``grad``           d loss / d logits (through the log_softmax), [batch, time, C]; NaN where PyTorch
                     gives NaN (impossible alignments without zero_infinity: rnn4j writes 0 there)

Cases: batch 1 and 5, input lengths 1 to 60, label lengths 0 to 20, runs of repeated labels, blank
first (0) and last (C - 1), reductions mean and sum, zero_infinity off and on, and impossible
alignments (labels, with a blank between repeats, longer than the input), and a case whose padded
places hold garbage for PyTorch (``b5_garbage_beyond_lengths``).

How to run (any PyTorch >= 1.10; the committed file was made with the version in its header):

    /tmp/pt/bin/python tools/reference/ctc_reference.py

Deterministic: each case is seeded from a CRC of its name.
"""

import os
import zlib

import torch
import torch.nn.functional as F

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(REPO_ROOT, "core", "src", "test", "resources", "io", "rnn4j", "core", "reference", "ctc.txt")


def fmt(v):
    v = float(v)
    if v != v:
        return "NaN"
    if v == float("inf"):
        return "Infinity"
    if v == float("-inf"):
        return "-Infinity"
    return repr(v)


def needed_frames(labels):
    """Frames a label sequence needs: its length plus one blank between each pair of equal neighbours."""
    return len(labels) + sum(1 for a, b in zip(labels, labels[1:]) if a == b)


def case(lines, name, batch, time, classes, blank, lengths, label_lengths, reduction="mean", zero_infinity=False,
         repeats=False, scale=3.0, garbage=False):
    gen = torch.Generator().manual_seed(zlib.crc32(name.encode()))
    c = classes + 1
    labels_ids = [i for i in range(c) if i != blank]
    logits32 = (torch.rand((batch, time, c), generator=gen, dtype=torch.float32) * 2 - 1) * scale
    logits = logits32.to(torch.float64).requires_grad_(True)
    targets = []
    for b in range(batch):
        seq = []
        for i in range(label_lengths[b]):
            if repeats and seq and torch.rand((), generator=gen).item() < 0.4:
                seq.append(seq[-1])
            else:
                seq.append(labels_ids[int(torch.randint(len(labels_ids), (), generator=gen))])
        targets.append(seq)
    width = max(1, max(label_lengths))
    padded = torch.full((batch, width), -1, dtype=torch.long)
    for b, seq in enumerate(targets):
        if seq:
            padded[b, :len(seq)] = torch.tensor(seq)
    log_probs = F.log_softmax(logits, dim=2).transpose(0, 1)  # [T, B, C]
    il = torch.tensor(lengths, dtype=torch.long)
    tl = torch.tensor(label_lengths, dtype=torch.long)
    tgt = padded.clamp(min=0)  # PyTorch reads only the first target_lengths entries
    if garbage:
        # fill every place beyond a label length with a random label: PyTorch must ignore them
        for b in range(batch):
            for i in range(label_lengths[b], width):
                tgt[b, i] = labels_ids[int(torch.randint(len(labels_ids), (), generator=gen))]
    loss = F.ctc_loss(log_probs, tgt, il, tl, blank=blank, reduction=reduction, zero_infinity=zero_infinity)
    per = F.ctc_loss(log_probs.detach(), tgt, il, tl, blank=blank, reduction="none", zero_infinity=zero_infinity)
    loss.backward()
    impossible = [needed_frames(t) > l for t, l in zip(targets, lengths)]
    lines.append("# %s: %s" % (name, "impossible alignment in sequences " + str([i for i, x in enumerate(impossible) if x])
                               if any(impossible) else "all alignments possible"))
    lines.append("%s.spec blank=%d reduction=%s zero_infinity=%d" % (name, blank, reduction, int(zero_infinity)))
    lines.append("%s.shape %d %d %d" % (name, batch, time, c))
    lines.append("%s.lengths %s" % (name, " ".join(str(x) for x in lengths)))
    lines.append("%s.label_lengths %s" % (name, " ".join(str(x) for x in label_lengths)))
    lines.append("%s.targets %s" % (name, " ".join(str(int(x)) for x in padded.flatten())))
    if garbage:
        lines.append("%s.torch_targets %s" % (name, " ".join(str(int(x)) for x in tgt.flatten())))
    lines.append("%s.predictions %s" % (name, " ".join(fmt(x) for x in logits32.flatten())))
    lines.append("%s.loss %s" % (name, fmt(loss.item())))
    lines.append("%s.per_sequence %s" % (name, " ".join(fmt(x) for x in per.flatten())))
    lines.append("%s.grad %s" % (name, " ".join(fmt(x) for x in logits.grad.flatten())))


def main():
    lines = ["# ctc: F.ctc_loss on log_softmax(predictions) in float64; grad = d loss / d predictions (logits)",
             "# generated by tools/reference/ctc_reference.py with PyTorch %s -- do not edit" % torch.__version__]
    # batch 1: input lengths 1..60, label lengths 0..20, blank first and last
    case(lines, "b1_t1_l0", 1, 1, 4, 0, [1], [0])
    case(lines, "b1_t1_l1", 1, 1, 4, 0, [1], [1])
    case(lines, "b1_t2_l1_blank_last", 1, 2, 4, 4, [2], [1])
    case(lines, "b1_t7_l3_repeats", 1, 7, 3, 0, [7], [3], repeats=True)
    case(lines, "b1_t30_l10", 1, 30, 10, 0, [30], [10])
    case(lines, "b1_t30_l10_blank_last_sum", 1, 30, 10, 10, [30], [10], reduction="sum")
    case(lines, "b1_t60_l20_repeats", 1, 60, 29, 0, [60], [20], repeats=True)
    case(lines, "b1_t60_l20_blank_last", 1, 60, 29, 29, [60], [20], repeats=True)
    case(lines, "b1_t20_l20_tight", 1, 20, 5, 0, [20], [20])  # no repeats possible? drawn; may be impossible
    case(lines, "b1_t5_l8_impossible", 1, 5, 4, 0, [5], [8])
    case(lines, "b1_t5_l8_impossible_zero_inf", 1, 5, 4, 0, [5], [8], zero_infinity=True)
    case(lines, "b1_t4_l3_repeats_impossible", 1, 4, 1, 0, [4], [3])  # one label: 'a a a' needs 5 frames
    # batch 5: varied lengths (padding), label lengths 0..20
    case(lines, "b5_mixed_mean", 5, 60, 12, 0, [60, 1, 33, 17, 45], [20, 0, 9, 4, 12], repeats=True)
    case(lines, "b5_mixed_sum", 5, 60, 12, 0, [60, 1, 33, 17, 45], [20, 0, 9, 4, 12], reduction="sum", repeats=True)
    case(lines, "b5_mixed_blank_last", 5, 40, 7, 7, [40, 12, 3, 29, 40], [15, 5, 1, 0, 20], repeats=True)
    case(lines, "b5_impossible_mean", 5, 30, 6, 0, [30, 4, 25, 10, 2], [10, 6, 8, 3, 1], repeats=True)
    case(lines, "b5_impossible_zero_inf", 5, 30, 6, 0, [30, 4, 25, 10, 2], [10, 6, 8, 3, 1], zero_infinity=True,
         repeats=True)
    case(lines, "b5_impossible_sum_zero_inf", 5, 30, 6, 6, [30, 4, 25, 10, 2], [10, 6, 8, 3, 1], reduction="sum",
         zero_infinity=True, repeats=True)
    case(lines, "b5_large_logits", 5, 25, 5, 0, [25, 25, 20, 10, 5], [8, 3, 6, 2, 1], scale=40.0, repeats=True)
    case(lines, "b5_garbage_beyond_lengths", 5, 30, 8, 0, [30, 12, 25, 9, 30], [10, 2, 7, 0, 12], repeats=True,
         garbage=True)
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
