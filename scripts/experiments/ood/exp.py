# Offline experiment (numpy; not part of the build): out-of-domain scores for the three RouteLLM
# benchmarks from ridge heads on the embeddings and features, trained on every other routeset with
# near-duplicates (cosine >= 0.9) removed; labels: each set's strong-minus-weak gain or its difficulty
# (1 - mean score over its models), standardised per set. Needs Dump.java's output in /tmp/emb.
# docs/routing-quality.md, "Out-of-domain: what transfers" (2026-12-07).
import json, numpy as np, sys
sys.path.insert(0, '..')  # run from this folder (the other scripts here exec this one)
from routeset_apgr import apgr
R='/work/shared/data/routing/'
S='gpt-4-1106-preview'; W='mistralai/Mixtral-8x7B-Instruct-v0.1'
def load(name):
    rows=[json.loads(l) for l in open(R+name+'.jsonl') if l.strip()]
    E=np.fromfile('/tmp/emb/'+name+'.f32',dtype='<f4').reshape(len(rows),384)
    F=np.fromfile('/tmp/emb/'+name+'.feat',dtype='<f8').reshape(len(rows),-1)
    return rows,E,F
def rank(v): 
    r=np.empty(len(v)); r[np.argsort(v,kind='stable')]=np.arange(len(v)); return r/len(v)
sets={n:load(n) for n in ['routellm-mmlu','routellm-gsm8k','routellm-mtbench','arena-bench-v1','alpaca-eval','llmrouter-dcrouter']}
def pair_labels(name):
    rows,E,F=sets[name]
    if name=='alpaca-eval':
        s=np.array([r['scores'].get('gpt4_1106_preview',np.nan) for r in rows]); w=np.array([r['scores'].get('Mixtral-8x7B-Instruct-v0.1_concise',np.nan) for r in rows])
    elif name=='llmrouter-dcrouter':
        # difficulty proxy: best strong (nemotron-super-49b) minus weak (mistral-7b)
        s=np.array([r['scores']['llama-3.3-nemotron-super-49b-v1'] for r in rows]); w=np.array([r['scores']['mistral-7b-instruct-v0.3'] for r in rows])
    else:
        s=np.array([r['scores'].get(S,np.nan) for r in rows]); w=np.array([r['scores'].get(W,np.nan) for r in rows])
        if name=='routellm-mtbench' or name=='arena-bench-v1': s=s/10; w=w/10
    return s,w
def difficulty(name):
    rows,E,F=sets[name]
    allm=np.array([[v for v in r['scores'].values()] for r in rows]) if name!='alpaca-eval' else None
    return allm
def ridge(X,y,lam):
    mu=X.mean(0); sd=X.std(0)+1e-9; Z=(X-mu)/sd
    A=Z.T@Z+lam*np.eye(Z.shape[1]); w=np.linalg.solve(A,Z.T@(y-y.mean()))
    return lambda Xn: ((Xn-mu)/sd)@w
bench=['routellm-mmlu','routellm-gsm8k','routellm-mtbench']
for b in bench:
    rows,E,F=sets[b]; s,w=pair_labels(b)
    length=F[:,0]
    out={'length':apgr(length,s,w)}
    train=[n for n in sets if n!=b]
    for label in ['gain','diff']:
        Xs=[];ys=[]
        for n in train:
            r2,E2,F2=sets[n]; s2,w2=pair_labels(n); ok=~(np.isnan(s2)|np.isnan(w2))
            if label=='gain': y=(s2-w2)
            else:
                if n=='alpaca-eval': y=1-w2   # mixtral losing = hard
                else:
                    mv=np.array([np.mean(list(r['scores'].values())) for r in r2],dtype=float)
                    mx=max(max(r['scores'].values()) for r in r2); y=1-mv/(mx if mx>1 else 1)
            # standardise label per set so sets with different scales mix
            yy=y[ok]; yy=(yy-yy.mean())/(yy.std()+1e-9)
            # remove near-duplicates of benchmark prompts
            sim=(E2[ok]@E.T).max(1); keep=sim<0.9
            Xs.append(np.hstack([E2[ok][keep],F2[ok][keep]])); ys.append(yy[keep])
        X=np.vstack(Xs); y=np.concatenate(ys)
        for lam in [10,100,1000]:
            f=ridge(X,y,lam); p=f(np.hstack([E,F]))
            out[f'{label}-ridge{lam}']=apgr(p,s,w)
            out[f'{label}-ridge{lam}+len']=apgr(rank(p)+rank(length),s,w)
        fe=ridge(X[:,384:],y,10); p=fe(F); out[f'{label}-featsonly']=apgr(p,s,w)
    print(b, {k:round(v,3) for k,v in out.items()}); sys.stdout.flush()
