# Offline experiment (not part of the build; docs/routing-quality.md, "Personalised: how far the
# targets are", 2026-12-07). Would knowing how the strong model solved a GSM8K problem rank the
# problems better than the prompt's length? Scores each prompt by features of the recorded answers
# (which a router never has before it routes) and prints RouteLLM's APGR for each.
#   python3 answer_length.py          (seconds)
import json, os, re, sys, numpy as np
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from routeset_apgr import apgr as _apgr
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../shared/data/routing')
rows=[json.loads(l) for l in open(os.path.join(DATA, 'routellm-gsm8k.jsonl'))]
S='gpt-4-1106-preview'; W='mistralai/Mixtral-8x7B-Instruct-v0.1'
s=np.array([r['scores'][S] for r in rows]); w=np.array([r['scores'][W] for r in rows])
def apgr(p, strong=s, weak=w):
    return _apgr(np.asarray(p, float) + np.random.RandomState(0).rand(len(p)) * 1e-9, strong, weak)
P=[r['prompt'] for r in rows]
num=lambda t: len(re.findall(r'\d+(?:[.,]\d+)*',t))
print('n',len(rows),'resp', sum('responses' in r for r in rows))
print('len chars', apgr([len(t) for t in P]))
print('numbers in prompt', apgr([num(t) for t in P]))
R=[r.get('responses',{}) for r in rows]
print('gpt4 answer len', apgr([len(x.get(S,'')) for x in R]))
print('gpt4 answer lines', apgr([x.get(S,'').count('\n') for x in R]))
print('mixtral calc steps', apgr([x.get(W,'').count('<<') for x in R]))
print('mixtral len', apgr([len(x.get(W,'')) for x in R]))
print('gpt4 equations', apgr([len(re.findall(r'[=]',x.get(S,''))) for x in R]))
print('gpt4 numbers', apgr([num(x.get(S,'')) for x in R]))
