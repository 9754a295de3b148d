#!/usr/bin/env python3
"""Train the eventness model, crates/extract/data/eventness.tsv.

usage: python3 tools/train_eventness.py [--shared DIR] [--out FILE] [--data JSONL]

Needs scikit-learn (pip install scikit-learn==1.5.2 in a venv of your own); the extractor's
features come from the Rust example `eventness_data`, which this script builds and runs unless
--data names its output already.

Training data:
- the `train` split of DIR/eval/sentences (labels in labels.jsonl): a trigger occurrence is a
  positive example when its sentence is labelled `event` and the occurrence's action is among
  the sentence's event actions, a negative one otherwise. The `dev` split is never read here:
  it is the measure (`marsad extract --format gold` on the sentences and
  DIR/eval/sentences/score.py --split dev);
- the example sentences of crates/extract/data/triggers.toml and the cases of
  crates/extract/testdata/events.toml, written for this project: an occurrence is positive when
  its action is the one the example expects. They state what the rules must do, so each weighs
  OWN_WEIGHT times a train sentence's occurrence.

Model: L2-regularized logistic regression over binary features (liblinear), fit on the
occurrences the model decides: the rules' asserted events (see `Verdict` in
events/eventness.rs; the model can take an event away, never make one). The strength C and the
decision threshold are chosen by 5-fold cross-validation over the train split grouped by
article (the examples are in every training fold), maximizing the mean of sentence detection
F1 and sentence action F1 as `score.py` computes them and of F1 over trigger occurrences (an
article with many trigger words pays for every wrong one). The final model is fit on all the
training data. Output: `bias`, `threshold`, then `feature<TAB>weight` sorted by feature, weights
rounded to 4 decimals, zeros left out. Deterministic for a given input.
"""
import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Weight of an occurrence of the project's own example sentences against one of the train split.
OWN_WEIGHT = 5.0


def load_jsonl(p):
    return [json.loads(l) for l in Path(p).read_text(encoding="utf-8").splitlines() if l.strip()]


def features_jsonl(shared, data):
    if data:
        return load_jsonl(data)
    sents = shared / "eval" / "sentences" / "sentences.jsonl"
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "marsad-extract", "--example", "eventness_data"],
                   cwd=REPO, check=True)
    out = subprocess.run([str(REPO / "target" / "release" / "examples" / "eventness_data"), str(sents)],
                         cwd=REPO, check=True, capture_output=True, text=True).stdout
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def sentence_scores(groups, probs, threshold):
    """Detection and action F1 over texts; each group is (gold actions or None, [(action, idx)])."""
    tp = fp = fn = 0
    atp = afp = afn = 0
    for gold, cands in groups:
        pred = Counter(a for a, i in cands if probs[i] >= threshold)
        hit = sum(pred.values()) > 0
        if gold is None:
            fp += hit
            continue
        tp += hit
        fn += not hit
        g = Counter(gold)
        p = Counter(set(pred))  # one event per action and sentence, as merging makes it
        inter = sum((g & p).values())
        atp += inter
        afp += sum(p.values()) - inter
        afn += sum(g.values()) - inter

    def f1(t, f, n):
        p = t / (t + f) if t + f else 0.0
        r = t / (t + n) if t + n else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    return f1(tp, fp, fn), f1(atp, afp, afn)


def candidate_f1(groups, probs, y, threshold):
    """F1 over trigger occurrences: each accepted occurrence is one event of the output, so an
    article with many trigger words pays for every wrong one."""
    tp = fp = fn = 0
    for _, cands in groups:
        for _, i in cands:
            pred = probs[i] >= threshold
            tp += pred and y[i]
            fp += pred and not y[i]
            fn += (not pred) and y[i]
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.environ.get("MARSAD_SHARED", str(REPO.parent / "shared")))
    ap.add_argument("--out", default=str(REPO / "crates" / "extract" / "data" / "eventness.tsv"))
    ap.add_argument("--data", help="output of the eventness_data example, instead of running it")
    args = ap.parse_args()
    shared = Path(args.shared)
    try:
        import numpy as np
        import sklearn
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GroupKFold
    except ImportError:
        sys.exit("needs scikit-learn: python3 -m venv /tmp/venv && /tmp/venv/bin/pip install scikit-learn==1.5.2")

    labels = {l["id"]: l for l in load_jsonl(shared / "eval" / "sentences" / "labels.jsonl")}
    docs = {s["id"]: s["doc"] for s in load_jsonl(shared / "eval" / "sentences" / "sentences.jsonl")}
    rows, y, groups_of_row, verdict = [], [], [], []
    texts = []  # (kind, group key, gold actions or None, [(action, row index)])
    for rec in features_jsonl(shared, args.data):
        if rec["source"] == "sentences":
            if rec["split"] != "train":
                continue
            lab = labels[rec["id"]]
            gold = [e["action"] for e in lab["events"]] if lab["label"] == "event" else None
            key = docs[rec["id"]]
        else:
            exp = rec["expected"]
            gold = None if exp in (None, "none") else [exp]
            key = None
        idx = []
        for c in rec["candidates"]:
            rows.append({f: 1 for f in c["features"]})
            y.append(int(gold is not None and c["action"] in gold))
            groups_of_row.append(key)
            verdict.append(c["verdict"])
            idx.append((c["action"], len(rows) - 1))
        texts.append((rec["source"], key, gold, idx))

    vec = DictVectorizer(sort=True)
    X = vec.fit_transform(rows)
    y = np.array(y)
    # The project's own example sentences state what the rules must do: they weigh more.
    weight = np.array([1.0 if g is not None else OWN_WEIGHT for g in groups_of_row])
    train_texts = [t for t in texts if t[0] == "sentences"]
    keys = sorted({t[1] for t in train_texts})
    key_index = {k: i for i, k in enumerate(keys)}
    folds = list(GroupKFold(n_splits=5).split(np.zeros(len(train_texts)), groups=[key_index[t[1]] for t in train_texts]))
    own_rows = [i for t in texts if t[0] != "sentences" for _, i in t[3]]

    # What the rules alone decide: an asserted event, or not. The model only decides among the
    # rules' asserted events (it can take an event away, never make one).
    rule = np.array([1.0 if v == "event" else 0.0 for v in verdict])
    open_ = rule > 0
    det0, act0 = sentence_scores([(t[2], t[3]) for t in train_texts], rule, 0.5)
    cand0 = candidate_f1([(t[2], t[3]) for t in train_texts], rule, y, 0.5)
    print(f"the rules alone on train: detection_f1={det0:.3f} action_f1={act0:.3f} occurrence_f1={cand0:.3f}",
          file=sys.stderr)
    best = None
    for C in [0.003, 0.01, 0.03, 0.1, 0.3, 1.0]:
        probs = np.zeros(len(y))
        for train_idx, test_idx in folds:
            tr = [i for ti in train_idx for _, i in train_texts[ti][3] if open_[i]] + [i for i in own_rows if open_[i]]
            te = [i for ti in test_idx for _, i in train_texts[ti][3] if open_[i]]
            if not te:
                continue
            m = LogisticRegression(C=C, solver="liblinear", max_iter=1000)
            m.fit(X[tr], y[tr], sample_weight=weight[tr])
            probs[te] = m.predict_proba(X[te])[:, 1]
        groups = [(t[2], t[3]) for t in train_texts]
        for th in [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]:
            eff = np.where(open_, probs, 0.0)
            det, act = sentence_scores(groups, eff, th)
            cand = candidate_f1(groups, eff, y, th)
            score = (det + act + cand) / 3
            if best is None or score > best[0] + 1e-9:
                best = (score, C, th, det, act, cand)
    _, C, th, det, act, cand = best
    print(f"cross-validated on train: C={C} threshold={th} detection_f1={det:.3f} action_f1={act:.3f} "
          f"occurrence_f1={cand:.3f}", file=sys.stderr)
    m = LogisticRegression(C=C, solver="liblinear", max_iter=1000)
    all_open = [i for i in range(len(y)) if open_[i]]
    m.fit(X[all_open], y[all_open], sample_weight=weight[all_open])
    names = vec.get_feature_names_out()
    weights = sorted((n, round(float(w), 4)) for n, w in zip(names, m.coef_[0]) if round(float(w), 4) != 0)
    n_train = sum(1 for t in texts if t[0] == "sentences")
    n_own = len(texts) - n_train
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# Eventness model: logistic regression weights over the features of events/eventness.rs.\n")
        f.write("# Made by `python3 tools/train_eventness.py` (see its docstring); empty = the rules decide alone.\n")
        f.write(f"# Trained on {n_train} sentences of the train split and {n_own} example sentences written for\n")
        f.write(f"# this project ({len(y)} trigger occurrences, {int(y.sum())} positive), scikit-learn {sklearn.__version__}.\n")
        f.write(f"# Cross-validated on train (5 folds by article): C={C}, detection F1 {det:.3f}, action F1 {act:.3f},\n")
        f.write(f"# occurrence F1 {cand:.3f}.\n")
        f.write(f"bias\t{round(float(m.intercept_[0]), 4)}\n")
        f.write(f"threshold\t{th}\n")
        for n, w in weights:
            f.write(f"{n}\t{w}\n")
    print(f"wrote {args.out}: {len(weights)} weights", file=sys.stderr)


if __name__ == "__main__":
    main()
