# Offline experiment (not part of the build; docs/routing-quality.md, "Personalised: how far the
# targets are", 2026-12-07). 280 of GSM8K's problems also appear, word for word, in llmrouter-dcrouter,
# where nine other open models were scored on them. Does knowing how those nine models actually did on
# the very same problem rank the problems by GPT-4's gain over Mixtral better than the prompt's length,
# or than the learned router? Prints RouteLLM's APGR on those 280 problems for each score, with a
# bootstrap standard deviation, and a logistic head on the nine outcomes cross-validated within them.
#   ./gearbox eval --data ../shared/data/routing/routellm-gsm8k.jsonl --policy learned-personal --out target/rq/gsm/lp
#   python3 scripts/experiments/personal/other_models_bound.py [target/rq/gsm/lp/decisions.jsonl]   (seconds)
import json, os, re, sys, numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..'))
from routeset_apgr import apgr
DATA = os.path.join(HERE, '../../../../shared/data/routing')
DECISIONS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '../../../target/rq/gsm/lp/decisions.jsonl')
S, W = 'gpt-4-1106-preview', 'mistralai/Mixtral-8x7B-Instruct-v0.1'
norm = lambda t: re.sub(r'\s+', ' ', t).strip().lower()
dc = [json.loads(l) for l in open(os.path.join(DATA, 'llmrouter-dcrouter.jsonl'))]
gsm = [json.loads(l) for l in open(os.path.join(DATA, 'routellm-gsm8k.jsonl'))]
dc_text = [norm(r['prompt']) for r in dc]
pairs = []
for r in gsm:
    q = norm(r['prompt'])
    hit = next((i for i, t in enumerate(dc_text) if q in t), None)  # dcrouter appends an answer-format instruction
    if hit is not None: pairs.append((r, dc[hit]['scores']))
s = np.array([r['scores'][S] for r, _ in pairs]); w = np.array([r['scores'][W] for r, _ in pairs])
models = sorted(pairs[0][1])
outcomes = np.array([[sc[m] for m in models] for _, sc in pairs])
length = np.array([len(r['prompt']) for r, _ in pairs], float)
learned = None
if os.path.exists(DECISIONS):
    p_strong = {d['id']: d['p_strong'] for d in map(json.loads, open(DECISIONS))}
    learned = np.array([p_strong[r['id']] for r, _ in pairs])
else:
    print(f'({DECISIONS} absent: run the eval command above for the learned router row)')
print(f'{len(pairs)} GSM8K problems also in dcrouter; GPT-4 correct {s.mean():.3f}, Mixtral {w.mean():.3f}, '
      f'GPT-4 right and Mixtral wrong {((s - w) > 0).mean():.3f}')
for i, m in enumerate(models):
    print(f'  {m:34s} correct {outcomes[:, i].mean():.3f}, agrees with Mixtral on {(outcomes[:, i] == w).mean():.3f}')
rng = np.random.default_rng(0)
def report(name, p):
    p = p + 1e-9 * rng.standard_normal(len(p))  # ties in a random order
    boot = [apgr(p[i], s[i], w[i]) for i in (rng.integers(0, len(p), len(p)) for _ in range(300))]
    print(f'{name:58s} APGR {apgr(p, s, w):.3f} (bootstrap sd {np.std(boot):.3f})')
z = lambda x: (x - x.mean()) / x.std()
report('the question\'s length', length)
if learned is not None: report('learned router, personalised (the eval above)', learned)
report('1 - mean correctness of the nine models', 1 - outcomes.mean(1))
small = [models.index(m) for m in ['codegemma-7b', 'gemma-2-9b-it', 'llama-3.1-8b-instruct', 'llama3-chatqa-1.5-8b',
                                   'mistral-7b-instruct-v0.3', 'qwen2.5-7b-instruct']]
report('1 - mean correctness of the six small models', 1 - outcomes[:, small].mean(1))
report('nine-model difficulty + length (z-scores summed)', z(1 - outcomes.mean(1)) + z(length))
for i, m in enumerate(models): report(f'1 - {m} (length breaks ties)', 1 - outcomes[:, i] + 1e-4 * length)
report('oracle: the gain itself (length breaks ties)', (s - w) + 1e-4 * length)

def logistic(X, y, lam=1.0):
    X = np.hstack([X, np.ones((len(X), 1))]); b = np.zeros(X.shape[1]); reg = np.r_[np.ones(len(b) - 1), 0] * lam
    for _ in range(50):
        p = 1 / (1 + np.exp(-X @ b))
        b -= np.linalg.solve((X * (p * (1 - p))[:, None]).T @ X + np.diag(reg), X.T @ (p - y) + reg * b)
    return b
gained = ((s - w) > 0).astype(float)
heads = [('nine outcomes', outcomes), ('nine outcomes + length', np.hstack([outcomes, z(length)[:, None]]))]
if learned is not None:
    heads.append(('nine outcomes + length + learned router', np.hstack([outcomes, z(length)[:, None], z(learned)[:, None]])))
for name, X in heads:
    runs = []
    for seed in range(20):
        r = np.random.default_rng(seed); fold = r.permutation(len(X)) % 5; p = np.zeros(len(X))
        for k in range(5):
            b = logistic(X[fold != k], gained[fold != k]); p[fold == k] = np.hstack([X[fold == k], np.ones(((fold == k).sum(), 1))]) @ b
        runs.append(apgr(p + 1e-9 * r.standard_normal(len(p)), s, w))
    print(f'logistic head on {name:41s} 5-fold APGR {np.mean(runs):.3f} (sd over 20 fold draws {np.std(runs):.3f})')
