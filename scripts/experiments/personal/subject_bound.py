# Offline experiment (not part of the build; docs/routing-quality.md, "Personalised: how far the
# targets are", 2026-12-07). An upper bound for any router that learns which MMLU subjects need the
# strong model: it is told every prompt's subject (which a router is not) and predicts the subject's
# mean gain (strong minus weak correctness), estimated from N labelled prompts of the other folds
# (5 folds, shrunk towards the overall mean with weight 5), with prompt length breaking ties.
#   python3 subject_bound.py          (seconds)
import json, os, sys, numpy as np
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from routeset_apgr import apgr as _apgr
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../shared/data/routing')
rows = [json.loads(l) for l in open(os.path.join(DATA, 'routellm-mmlu.jsonl'))]
S, W = 'gpt-4-1106-preview', 'mistralai/Mixtral-8x7B-Instruct-v0.1'
s = np.array([r['scores'][S] for r in rows]); w = np.array([r['scores'][W] for r in rows]); y = s - w
t = np.array([r['task'] for r in rows]); n = len(rows)
L = np.array([len(r['prompt']) for r in rows], float)

def apgr(p):
    return _apgr(p, s, w)

def rank(v):
    r = np.empty(len(v)); r[np.argsort(v, kind='stable')] = np.arange(len(v)); return r / len(v)

subs = sorted(set(t)); tie = 1e-7 * rank(L)
full = {u: y[t == u].mean() for u in subs}
print('subject means from all 14,037 labels (in-domain oracle):', round(apgr(np.array([full[u] for u in t]) + tie), 4))
for cap in [1500, 3000, 11000]:
    res = []
    for seed in range(3):
        rs = np.random.RandomState(seed); order = rs.permutation(n); fold = np.empty(n, int); fold[order] = np.arange(n) % 5
        pred = np.zeros(n)
        for f in range(5):
            tr = np.array([j for j in order if fold[j] != f][:cap]); te = fold == f
            g = y[tr].mean(); m = {}
            for u in subs:
                k = tr[t[tr] == u]; m[u] = (y[k].sum() + 5 * g) / (len(k) + 5)
            pred[te] = [m[u] for u in t[te]]
        res.append(round(apgr(pred + tie), 4))
    print(f'subject means from at most {cap} labelled prompts per fold, seeds 0-2:', res)
