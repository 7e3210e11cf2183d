#!/usr/bin/env python3
"""Compares `gearbox eval` runs of a policy with a base run, from their decisions.jsonl (same
routeset and split): how often the route changes, and for two-model sets whether the APGR change
is beyond noise. Used for a semantic policy with and without a token limit
(docs/semantic-judge-cascade.md, "Bounding the embedded text by tokens").

  scripts/route-agreement.py ROUTESET.jsonl BASE_DIR OTHER_DIR...

Two-model sets (p_strong per prompt): "route" is the prompt's winning route for `--policy
semantic` (p_strong > 0: the hard route is closer than the easy one, as the gateway's centroid
match picks it); "50% budget" sends each run's top half of prompts by p_strong to the strong
model; APGR is RouteLLM's (as `gearbox eval` computes it, recomputed here), with a paired
bootstrap over prompts (300 resamples, seed 0) of the difference. Multi-model sets: the model each
run chose at its own decision point (the summary's lambda, printed), and the mean score of the
chosen models with a paired bootstrap (1000 resamples) of the difference."""
import json
import sys
from pathlib import Path

import numpy as np


def decisions(d):
    rows = [json.loads(l) for l in (Path(d) / "decisions.jsonl").read_text(encoding="utf-8").split("\n") if l.strip()]
    return {r["id"]: r for r in rows}


def apgr(p, strong, weak):
    edges = np.quantile(p, np.linspace(0, 1, 11))
    points = []
    for j, e in enumerate(edges):
        to_strong = p > e if j == len(edges) - 1 else p >= e
        points.append((to_strong.mean(), np.where(to_strong, strong, weak).mean()))
    points.sort()
    x = np.array([a for a, _ in points])
    y = np.array([b for _, b in points])
    area = float(np.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1]) / 2))
    span = x.max() - x.min()
    return (area - weak.mean() * span) / ((strong.mean() - weak.mean()) * span)


def top_half(p):
    order = np.argsort(-p, kind="stable")
    out = np.zeros(len(p), dtype=bool)
    out[order[: len(p) // 2]] = True
    return out


def main(routeset, base_dir, others):
    meta = json.loads(Path(routeset.replace(".jsonl", ".meta.json")).read_text())
    items = {}
    for line in Path(routeset).read_text(encoding="utf-8").split("\n"):
        if line.strip():
            r = json.loads(line)
            items[r["id"]] = r
    base = decisions(base_dir)
    ids = sorted(base)
    n = len(ids)
    if "p_strong" in base[ids[0]]:
        strong = np.array([items[i]["scores"][meta["strong"]] for i in ids], dtype=float)
        weak = np.array([items[i]["scores"][meta["weak"]] for i in ids], dtype=float)
        pb = np.array([base[i]["p_strong"] for i in ids])
        rng = np.random.default_rng(0)
        samples = [rng.integers(0, n, n) for _ in range(300)]
        boot_base = np.array([apgr(pb[k], strong[k], weak[k]) for k in samples])
        print(f"{Path(base_dir).name}: {n} prompts, APGR {apgr(pb, strong, weak):.4f} (bootstrap sd {boot_base.std():.4f})")
        for o in others:
            other = decisions(o)
            po = np.array([other[i]["p_strong"] for i in ids])
            route = int(np.sum((pb > 0) != (po > 0)))
            budget = int(np.sum(top_half(pb) != top_half(po)))
            diff = np.array([apgr(po[k], strong[k], weak[k]) for k in samples]) - boot_base
            a = apgr(po, strong, weak)
            print(f"{Path(o).name}: APGR {a:.4f} ({a - apgr(pb, strong, weak):+.4f}, paired 95% "
                  f"[{np.quantile(diff, .025):+.4f}, {np.quantile(diff, .975):+.4f}]); route changed on "
                  f"{route} ({100 * route / n:.1f}%), at a 50% strong budget the model changed on {budget} ({100 * budget / n:.1f}%)")
    else:
        lb = json.loads((Path(base_dir) / "summary.json").read_text()).get("decisionLambda")
        qb = np.array([items[i]["scores"][base[i]["model"]] for i in ids], dtype=float)
        rng = np.random.default_rng(0)
        samples = [rng.integers(0, n, n) for _ in range(1000)]
        print(f"{Path(base_dir).name}: {n} prompts, mean score of the chosen models {qb.mean():.4f} at lambda {lb}")
        for o in others:
            other = decisions(o)
            changed = sum(base[i]["model"] != other[i]["model"] for i in ids)
            lo = json.loads((Path(o) / "summary.json").read_text()).get("decisionLambda")
            qo = np.array([items[i]["scores"][other[i]["model"]] for i in ids], dtype=float)
            diff = np.array([(qo[k] - qb[k]).mean() for k in samples])
            print(f"{Path(o).name}: chosen model changed on {changed} ({100 * changed / n:.1f}%) (decision lambda {lo}); "
                  f"mean score {qo.mean():.4f} ({qo.mean() - qb.mean():+.4f}, paired 95% "
                  f"[{np.quantile(diff, .025):+.4f}, {np.quantile(diff, .975):+.4f}])")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
