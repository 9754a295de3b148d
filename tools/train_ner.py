#!/usr/bin/env python3
"""Train the entity tagger of crates/lexicon/src/ner.rs and write crates/lexicon/data/ner_model.tsv.

    python3 tools/train_ner.py --shared ../shared

Needs python-crfsuite (`pip install python-crfsuite`, in a venv). The features come from the
Rust side (`cargo run --release -p marsad-lexicon --example ner -- features ...`), so the model
sees exactly the features the tagger computes at run time. Training data: ANERcorp up to the
CAMeL Lab test split (lines 1-125,305 of the original corpus; the text of the CAMeL train split,
CC BY-SA 4.0) and the Wojood sample's train and validation files (MIT). The CAMeL test split is
held out; the script prints the tagger's scores on it at the end.

The model is a CRF trained with L-BFGS and L1 + L2 penalties; the L1 penalty keeps the feature
table small (most features get a zero weight and are not written).
"""

import argparse
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "crates", "lexicon", "data", "ner_model.tsv")
LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]
CAMEL_TEST_FIRST_LINE = 125306


def features(fmt, path, lines=None):
    cmd = ["cargo", "run", "-q", "--release", "-p", "marsad-lexicon", "--example", "ner", "--", "features", fmt, path]
    if lines:
        cmd += ["--lines", str(lines)]
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    seqs, xs, ys = [], [], []
    for line in out.split("\n"):
        if not line:
            if xs:
                seqs.append((xs, ys))
            xs, ys = [], []
            continue
        cols = line.split("\t")
        ys.append(cols[0])
        xs.append(cols[1:])
    if xs:
        seqs.append((xs, ys))
    return seqs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--c1", type=float, default=0.3)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--min-weight", type=float, default=0.01, help="drop state weights smaller than this")
    args = ap.parse_args()
    import pycrfsuite

    data = os.path.join(args.shared, "data")
    seqs = features("anercorp", os.path.join(data, "ner_anercorp", "ANERCorp_original_benajiba.txt"), CAMEL_TEST_FIRST_LINE - 1)
    for part in ["train.txt", "val.txt"]:
        seqs += features("wojood", os.path.join(data, "ner_wojood_sample", part))
    print(f"{len(seqs)} training sentences, {sum(len(x) for x, _ in seqs)} tokens", file=sys.stderr)

    trainer = pycrfsuite.Trainer(verbose=False)
    for xs, ys in seqs:
        trainer.append(xs, ys)
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "ner.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()

    rows = {}
    for (attr, label), w in info.state_features.items():
        if abs(w) < args.min_weight or label not in LABELS:
            continue
        rows.setdefault(attr, [0.0] * len(LABELS))[LABELS.index(label)] = w
    with open(MODEL, "w", encoding="utf-8") as f:
        f.write("# Entity tagger of crates/lexicon/src/ner.rs: a linear-chain CRF, written by tools/train_ner.py.\n")
        f.write("# Trained on ANERcorp (CAMeL Lab train split text, CC BY-SA 4.0) and the Wojood sample (MIT):\n")
        f.write("# this file is a derived work of ANERcorp and is distributed under CC BY-SA 4.0 (see data/README.md).\n")
        f.write(f"# c1 {args.c1}, c2 {args.c2}, {args.iterations} iterations; {len(rows)} features.\n")
        f.write("labels\t" + "\t".join(LABELS) + "\n")
        for (a, b), w in sorted(info.transitions.items()):
            if a in LABELS and b in LABELS:
                f.write(f"trans\t{a}\t{b}\t{w:.4g}\n")
        for attr in sorted(rows):
            if "\t" in attr or "\n" in attr:
                continue
            f.write(attr + "\t" + "\t".join(f"{w:.3g}" if w else "0" for w in rows[attr]) + "\n")
    print(f"wrote {MODEL}: {len(rows)} features", file=sys.stderr)

    test = os.path.join(data, "ner_anercorp", "ANERCorp_CamelLab_test.txt")
    # The example built for the features above reads the new model from its path.
    cmd = [os.path.join(ROOT, "target", "release", "examples", "ner"), "eval", "anercorp", test, MODEL]
    print(subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout)


if __name__ == "__main__":
    main()
