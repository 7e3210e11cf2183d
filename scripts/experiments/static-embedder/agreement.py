#!/usr/bin/env python3
"""How well a static token table's neighbours agree with MiniLM's, on routeset prompts (offline
experiment, docs/semantic-judge-cascade.md "A static embedder"). Reads /tmp/st/mean.f32 (Distill.java)
and /tmp/st/NAME.ids and NAME.mini (Tok.java). For each recipe (centring, all-but-the-top k,
smooth-inverse-frequency constant a with Zipf frequencies from bert-base-uncased's vocabulary order)
and each set: the mean cosine of random prompt pairs (MiniLM: 0.05-0.32), the Spearman correlation
of pairwise similarities with MiniLM's over 1,500 prompts, and the overlap of the 10 nearest
neighbours.
  python3 agreement.py routellm-mtbench routellm-gsm8k llmrouter-dcrouter alpaca-eval
"""
import sys
import numpy as np

V, D = 30522, 384


def load_ids(name):
    b = np.fromfile(f'/tmp/st/{name}.ids', dtype='<i4')
    out, i = [], 0
    while i < len(b):
        n = b[i]
        out.append(b[i + 1:i + 1 + n])
        i += 1 + n
    return out


def weights(a):
    if a is None:
        return np.ones(V)
    rank = np.maximum(1, np.arange(V) - 1996 + 1)
    p = 1 / (rank * np.log(1.78 * V))
    w = a / (a + p)
    w[[0, 101, 102]] = 0
    return w


def embed(T, ids, w, cap=48):
    out = np.zeros((len(ids), T.shape[1]), dtype=np.float32)
    for i, t in enumerate(ids):
        if cap and len(t) - 2 > cap:
            t = np.concatenate([t[:1 + cap - 16], t[-17:]])
        v = (T[t] * w[t][:, None]).sum(0)
        out[i] = v / (np.linalg.norm(v) + 1e-9)
    return out


def compare(A, B, rng):
    idx = rng.choice(len(A), min(len(A), 1500), replace=False)
    a, b = A[idx] @ A[idx].T, B[idx] @ B[idx].T
    iu = np.triu_indices(len(idx), 1)
    rx, ry = np.argsort(np.argsort(a[iu])), np.argsort(np.argsort(b[iu]))
    sp = np.corrcoef(rx, ry)[0, 1]
    np.fill_diagonal(a, -9)
    np.fill_diagonal(b, -9)
    ka, kb = np.argsort(-a, 1)[:, :10], np.argsort(-b, 1)[:, :10]
    return sp, np.mean([len(set(ka[i]) & set(kb[i])) / 10 for i in range(len(idx))])


sets = sys.argv[1:]
data = {s: load_ids(s) for s in sets}
mini = {s: np.fromfile(f'/tmp/st/{s}.mini', dtype='<f4').reshape(len(data[s]), D) for s in sets}
raw = np.fromfile('/tmp/st/mean.f32', dtype='<f4').reshape(V, D)
centred = raw - raw.mean(0)
_, _, Vt = np.linalg.svd(centred, full_matrices=False)
for name, T0 in [('raw', raw), ('centred', centred)]:
    for k in ([0] if name == 'raw' else [0, 2, 5]):
        T = T0 - (T0 @ Vt[:k].T) @ Vt[:k] if k else T0
        for a in [None, 1e-5, 1e-4, 1e-3]:
            out = []
            for s in sets:
                E = embed(T, data[s], weights(a))
                rng = np.random.default_rng(1)
                i, j = rng.integers(0, len(E), 3000), rng.integers(0, len(E), 3000)
                sp, ov = compare(mini[s], E, np.random.default_rng(0))
                out.append(f'{s[:12]} cos={(E[i] * E[j]).sum(1).mean():.2f} sp={sp:.3f} knn={ov:.3f}')
            print(name, f'abtt={k}', f'sif={a}', ' | '.join(out), flush=True)
