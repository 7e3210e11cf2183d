#!/usr/bin/env python3
"""Prints the Markdown tables of docs/routing-quality.md from the summary.json files that
scripts/routing-quality.sh wrote (one directory per routeset and policy)."""
import json, os, sys

root = sys.argv[1] if len(sys.argv) > 1 else "target/routing-quality"
sets = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
two, multi = [], []
for s in sets:
    rows = {}
    for p in sorted(os.listdir(os.path.join(root, s))):
        f = os.path.join(root, s, p, "summary.json")
        if os.path.exists(f):
            j = json.load(open(f))
            if "skipped" not in j:
                rows[p] = j
    if not rows:
        continue
    any_ = next(iter(rows.values()))
    (two if "strong" in any_ else multi).append((s, rows))

def f(x, nd=3):
    return "-" if x is None else (f"{x:.{nd}f}" if isinstance(x, float) else str(x))

order = ["random", "length", "heuristic", "cost-aware", "semantic", "semantic-knn", "judge", "cascade", "learned", "optimal"]
print("### Two-model routesets (RouteLLM's metrics)\n")
for s, rows in two:
    a = next(iter(rows.values()))
    print(f"**{s}** ({a['prompts']} prompts, strong `{a['strong']}`, weak `{a['weak']}`)\n")
    print("| policy | APGR | CPT(50%) | CPT(80%) |\n|---|---|---|---|")
    for p in sorted(rows, key=lambda p: order.index(p) if p in order else 99):
        m = rows[p]["metrics"]
        print(f"| {p} | {f(m['apgr'])} | {f(m['cpt50'], 1)}% | {f(m['cpt80'], 1)}% |")
    ref = a.get("reference")
    if ref:
        print(f"\nRouteLLM published (from the set's .meta.json): {json.dumps(ref)}")
    print()
print("### Multi-model routesets (RouterBench's AIQ)\n")
for s, rows in multi:
    a = next(iter(rows.values()))
    bs = a["bestSingle"]
    print(f"**{s}** ({a['prompts']} prompts; best single model `{bs['model']}`: quality {f(bs['quality'])} at ${bs['cost']:.5f}/prompt)\n")
    print("| policy | AIQ | quality at the best model's cost | cheapest cost reaching its quality |\n|---|---|---|---|")
    for p in sorted(rows, key=lambda p: order.index(p) if p in order else 99):
        if p in ("cheapest", "best-single"):
            continue
        m = rows[p]["metrics"]
        c = m.get("cheapestCostAtBestQuality")
        print(f"| {p} | {f(m['aiq'])} | {f(m['qualityAtBestSingleCost'])} | {'not reached' if c is None else '$%.5f' % c} |")
    print(f"| (zero router: interpolating single models) | {f(a['zeroRouterAiq'])} | | |\n")
