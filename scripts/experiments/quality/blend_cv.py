# Offline experiment (not part of the build; docs/routing-quality.md, "The quality router over many
# models", 2026-12-07): how the quality router's blend (neighbours, embedding ridge, character
# 4-gram lexical ridge) was chosen. Emulates QualityRouter in numpy (k 40, prior weight 2, ridge
# 1000; lexical: hashed char 4-grams, sublinear tf, idf, unit rows, ridge per model) and scores a
# blend by the measure: quality at the best single model's cost minus that model's quality
# (costs: list price x (prompt characters / 4 + 256 answer tokens)).
#   python3 blend_cv.py cv       3 x 5-fold CV on dcrouter's train split over a grid (about 8 minutes)
#   python3 blend_cv.py sizes    the same with at most 500 / 1,000 / 2,000 training prompts per fold
#   python3 blend_cv.py test     the old and the chosen blend trained on the train split, scored on test
# Needs the MiniLM dumps of ../ood/Dump.java (llmrouter-dcrouter) in /tmp/emb.
import json, os, re, sys, numpy as np, zlib
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../shared/data/routing')
rows=[json.loads(l) for l in open(os.path.join(DATA, 'llmrouter-dcrouter.jsonl'))]
meta=json.load(open(os.path.join(DATA, 'llmrouter-dcrouter.meta.json')))
models=sorted(meta['models']); M=len(models)
n=len(rows)
E=np.fromfile('/tmp/emb/llmrouter-dcrouter.f32',dtype='<f4').reshape(n,384).astype(np.float64); E/=np.linalg.norm(E,axis=1,keepdims=True)
F=np.fromfile('/tmp/emb/llmrouter-dcrouter.feat',dtype='<f8').reshape(n,-1)
Y=np.array([[r['scores'][m] for m in models] for r in rows])
price=np.array([meta['models'][m]['input_usd_per_mtok'] for m in models])/1e6
tok=np.array([len(r['prompt'])/4 for r in rows])
C=(tok[:,None]+256)*price[None,:]
split=np.array([r['split'] for r in rows]); TR=np.where(split=='train')[0]; TE=np.where(split=='test')[0]
P=[r['prompt'] for r in rows]
D=1<<15
X=np.zeros((n,D),np.float32)
for i,t in enumerate(P):
    t=t.lower(); tt=' '+re.sub(r'\s+',' ',t)+' '
    for j in range(len(tt)-3):
        X[i,zlib.crc32(tt[j:j+4].encode())%D]+=1
X=np.where(X>0,1+np.log(np.maximum(X,1)),0).astype(np.float32)
def knn(tr,q,k=40,shrink=2):
    prior=Y[tr].mean(0); k=min(k,max(5,len(tr)//10))
    sim=E[q]@E[tr].T; idx=np.argpartition(-sim,k-1,axis=1)[:,:k]
    w=np.maximum(np.take_along_axis(sim,idx,1),1e-6)
    num=shrink*prior+np.einsum('qk,qkm->qm',w,Y[tr][idx]); return num/(shrink+w.sum(1))[:,None]
def lin(tr,q,lam=1000):
    Z=np.hstack([E,F]); mu=Z[tr].mean(0); sd=Z[tr].std(0)+1e-6
    A=(Z[tr]-mu)/sd; prior=Y[tr].mean(0)
    W=np.linalg.solve(A.T@A+lam*np.eye(A.shape[1]),A.T@(Y[tr]-prior)); return prior+((Z[q]-mu)/sd)@W
def lex(tr,q,lam=30):
    df=(X[tr]>0).sum(0); idf=np.log((len(tr)+1)/(df+1))+1
    def tf(r): Z=X[r]*idf; return Z/(np.linalg.norm(Z,axis=1,keepdims=True)+1e-9)
    Zt=tf(tr); K=Zt@Zt.T; prior=Y[tr].mean(0)
    A=np.linalg.solve(K+lam*np.eye(len(tr)),Y[tr]-prior); return prior+tf(q)@(Zt.T@A)
def predict(tr,q,bl,bx,lexlam=30):
    out=(1-bl-bx)*knn(tr,q)+bl*lin(tr,q)
    if bx>0: out+=bx*lex(tr,q,lexlam)
    return np.clip(out,0,1)
def at_best_cost(pred,q):
    y=Y[q]; c=C[q]; single=y.mean(0); b=np.argmax(single); budget=c[:,b].mean()
    best=-1
    for lam in np.logspace(-7,1,400):
        ch=np.argmax(lam*pred-c,axis=1); cost=c[np.arange(len(q)),ch].mean()
        if cost<=budget: best=max(best,y[np.arange(len(q)),ch].mean())
    return best-single[b]

mode = sys.argv[1] if len(sys.argv) > 1 else 'cv'
OLD, NEW = (0.3, 0.0, 30), (0.2, 0.4, 30)
if mode == 'test':
    for bl, bx, lam in [OLD, NEW]:
        p = np.clip((1 - bl - bx) * knn(TR, TE) + bl * lin(TR, TE) + bx * lex(TR, TE, lam), 0, 1)
        print(f'test split: ridge share {bl}, lexical share {bx}: {100 * at_best_cost(p, TE):+.2f} points at the best single model\'s cost')
else:
    caps = [None] if mode == 'cv' else [500, 1000, 2000]
    grid = [(bl, bx, lam) for lam in ([10, 30, 100] if mode == 'cv' else [30]) for bl in [0.1, 0.2, 0.3]
            for bx in ([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6] if mode == 'cv' else [0, 0.4]) if bl + bx <= 0.9]
    for cap in caps:
        res = {}
        for seed in [0, 1, 2]:
            rs = np.random.RandomState(seed); perm = rs.permutation(TR); folds = np.array_split(perm, 5)
            for f in range(5):
                q = folds[f]; tr = np.concatenate([folds[j] for j in range(5) if j != f])[:cap]
                K = knn(tr, q); Lr = lin(tr, q); Lx = {lam: lex(tr, q, lam) for lam in sorted({g[2] for g in grid})}
                for bl, bx, lam in grid:
                    res.setdefault((bl, bx, lam), []).append(at_best_cost(np.clip((1 - bl - bx) * K + bl * Lr + bx * Lx[lam], 0, 1), q))
        print('training prompts per fold:', cap or 'all (about 4,490)')
        for key, v in sorted(res.items(), key=lambda kv: -np.mean(kv[1]))[:8]:
            print(f'  ridge share {key[0]}, lexical share {key[1]}, lexical ridge {key[2]}: {100 * np.mean(v):+.2f} points (sd over folds {100 * np.std(v):.2f})')
        old = res.get((0.3, 0, 30)) or res.get((0.3, 0, 10))
        if old: print(f'  old blend (ridge share 0.3, no lexical): {100 * np.mean(old):+.2f}')
