# Offline experiment (not part of the build; docs/routing-quality.md, "Personalised: how far the
# targets are", 2026-12-07, session 10). subject_bound.py shows that knowing an MMLU prompt's subject
# tops out near 0.65 with 1,500 labels and 0.703 with every label, so 0.68 needs a signal of which
# questions *within* a subject Mixtral misses. This looks for one in eleven surface features of the
# question and its four choices: each feature's correlation with the within-subject gain (gain minus
# the subject's mean gain, every label known), and a ridge on all of them, 5-fold, added to that
# subject oracle.
#   python3 scripts/experiments/personal/within_subject.py    (seconds)
import json, os, re, sys, numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..'))
from routeset_apgr import apgr
DATA = os.path.join(HERE, '../../../../shared/data/routing')
rows = [json.loads(l) for l in open(os.path.join(DATA, 'routellm-mmlu.jsonl'))]
S, W = 'gpt-4-1106-preview', 'mistralai/Mixtral-8x7B-Instruct-v0.1'
s = np.array([r['scores'][S] for r in rows]); w = np.array([r['scores'][W] for r in rows]); gain = s - w
subjects, subject = np.unique([r['task'] for r in rows], return_inverse=True)
NAMES = ['question length', 'mean choice length', 'spread of choice lengths', 'NOT / EXCEPT / LEAST / FALSE',
         'numeric choices', '"all / none / both of the above"', 'digits', '"Statement 1"', 'question lines',
         'roman numerals I / II / III', 'math symbols']
def features(t):
    parts = re.split(r'\n[A-D]\. ', t); q = parts[0]; choices = [c.split('\nAnswer')[0] for c in parts[1:]]
    lengths = [len(c) for c in choices] or [0]
    return [np.log1p(len(q)), np.log1p(np.mean(lengths)), np.log1p(np.std(lengths)),
            bool(re.search(r'\b(NOT|EXCEPT|LEAST|FALSE|INCORRECT)\b', q)),
            sum(bool(re.fullmatch(r'[\s\-\d.,/%$()]+\w{0,6}\.?', c)) for c in choices),
            bool(re.search(r'(all|none|both) of the (above|these)|\bboth\b', t, re.I)),
            np.log1p(len(re.findall(r'\d', t))), 'Statement 1' in q, q.count('\n'),
            bool(re.search(r'\b(I|II|III)\b', q)), bool(re.search(r'[=+^*/]', t))]
F = np.array([features(r['prompt']) for r in rows], float); F = (F - F.mean(0)) / (F.std(0) + 1e-9)
X = np.hstack([F, np.ones((len(F), 1))])
rng = np.random.default_rng(0)
jitter = lambda p: p + 1e-9 * rng.standard_normal(len(p))
oracle = np.array([gain[subject == k].mean() for k in range(len(subjects))])[subject]
residual = gain - oracle
print(f'{len(rows)} MMLU prompts, {len(subjects)} subjects')
for name, col in zip(NAMES, F.T):
    print(f'  correlation with the within-subject gain: {name:34s} {np.corrcoef(col, residual)[0, 1]:+.4f}')
ridge = lambda A, y, lam: np.linalg.solve(A.T @ A + lam * np.eye(A.shape[1]), A.T @ y)
print(f'the eleven features alone, ridge on every label        APGR {apgr(jitter(X @ ridge(X, gain, 1.0)), s, w):.3f}')
print(f'subject oracle (each subject\'s mean gain, every label)  APGR {apgr(jitter(oracle), s, w):.3f}')
fold = rng.permutation(len(rows)) % 5; within = np.zeros(len(rows))
for k in range(5):
    within[fold == k] = X[fold == k] @ ridge(X[fold != k], residual[fold != k], 10.0)
print(f'subject oracle + the features\' within-subject estimate (5-fold)  APGR {apgr(jitter(oracle + within), s, w):.3f}'
      f'  (its correlation with the within-subject gain {np.corrcoef(within, residual)[0, 1]:+.4f})')
# the learned router's own estimate, with its subject means removed (optional: needs the personalised eval's decisions)
#   ./gearbox eval --data ../shared/data/routing/routellm-mmlu.jsonl --policy learned-personal --out target/rq/mmlu/lp
decisions = os.path.join(HERE, '../../../target/rq/mmlu/lp/decisions.jsonl')
if os.path.exists(decisions):
    p_strong = {d['id']: d['p_strong'] for d in map(json.loads, open(decisions))}
    p = np.array([p_strong[r['id']] for r in rows])
    p_within = p - np.array([p[subject == k].mean() for k in range(len(subjects))])[subject]
    print(f'learned router (personalised), its subject means removed: correlation with the within-subject gain '
          f'{np.corrcoef(p_within, residual)[0, 1]:+.4f}; subject oracle + it (scaled by least squares) APGR '
          f'{apgr(jitter(oracle + p_within * (p_within @ residual) / (p_within @ p_within)), s, w):.3f}')
else:
    print(f'({decisions} absent: run the eval command above for the learned router row)')
