# RouteLLM's APGR for a two-model routeset (../shared/data/routing/README.md, "How RouteLLM scores a
# router"), shared by the offline experiments in this folder.
import numpy as np


def apgr(p, strong, weak):
    """p: each prompt's score (higher = more likely to need the strong model); strong, weak: each model's score per prompt."""
    p = np.asarray(p, float)
    edges = np.quantile(p, np.linspace(0, 1, 11)); pts = []
    for j, e in enumerate(edges):
        ts = p > e if j == len(edges) - 1 else p >= e
        pts.append((ts.mean(), np.where(ts, strong, weak).mean()))
    pts.sort(); x = np.array([a for a, _ in pts]); y = np.array([b for _, b in pts])
    area = float(np.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1]) / 2)); span = x.max() - x.min()
    return (area - weak.mean() * span) / ((strong.mean() - weak.mean()) * span)
