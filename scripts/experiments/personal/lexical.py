# Offline experiment (not part of the build; docs/routing-quality.md, "Personalised: how far the
# targets are", 2026-12-07). Emulates the learned router's personalised evaluation (5 folds, at most
# 1,500 training prompts per fold, 10% held out for calibration; the neighbours' gain out of fold,
# k 100, stacked with PromptFeatures by ridge, lambda 10) and adds a lexical head: hashed character
# 4-grams, TF-IDF, kernel ridge on the gain. Variants: knn, lex, knn+lex; "+full" keeps the held-out
# tenth in the fit. Needs the MiniLM dumps of ../ood/Dump.java in /tmp/emb.
#   python3 lexical.py routellm-gsm8k knn,lex,knn+lex,knn+full       (seconds; MMLU about 4 minutes)
import json, os, re, sys, numpy as np, zlib
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from routeset_apgr import apgr as _apgr
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../shared/data/routing')
name=sys.argv[1]; variants=sys.argv[2].split(',')
rows=[json.loads(l) for l in open(os.path.join(DATA, name + '.jsonl'))]
S='gpt-4-1106-preview'; W='mistralai/Mixtral-8x7B-Instruct-v0.1'
s=np.array([r['scores'][S] for r in rows]); w=np.array([r['scores'][W] for r in rows])
if 'mtbench' in name: s/=10; w/=10
n=len(rows)
E=np.fromfile(f'/tmp/emb/{name}.f32',dtype='<f4').reshape(n,384); E/=np.linalg.norm(E,axis=1,keepdims=True)
F=np.fromfile(f'/tmp/emb/{name}.feat',dtype='<f8').reshape(n,-1)
def apgr(p, strong=s, weak=w):
    return _apgr(p, strong, weak)
P=[r['prompt'] for r in rows]
D=1<<15
def feats(t):
    t=t.lower(); tt=' '+re.sub(r'\s+',' ',t)+' '
    v={}
    for i in range(len(tt)-3):
        h=zlib.crc32(tt[i:i+4].encode())%D; v[h]=v.get(h,0)+1
    return v
X=np.zeros((n,D),np.float32)
for i,t in enumerate(P):
    for h,c in feats(t).items(): X[i,h]=1+np.log(c)
y=s-w
def knn(Eb,yb,Eq,k=100,exclude_self=False):
    sim=Eq@Eb.T
    k=min(k,Eb.shape[0])
    idx=np.argpartition(-sim,k-1,axis=1)[:,:k]
    ss=np.take_along_axis(sim,idx,1); wt=np.maximum(ss,0)+1e-9
    return (wt*yb[idx]).sum(1)/wt.sum(1)
def lexfit(tr,lam):
    Xt=X[tr]; df=(Xt>0).sum(0); idf=np.log((len(tr)+1)/(df+1))+1
    def tf(rows_): Z=X[rows_]*idf; return Z/(np.linalg.norm(Z,axis=1,keepdims=True)+1e-9)
    Zt=tf(tr); K=Zt@Zt.T; m=y[tr].mean()
    a=np.linalg.solve(K+lam*np.eye(len(tr)),y[tr]-m); wv=Zt.T@a
    return lambda q: tf(q)@wv+m
def ridge(Z,yt,lam):
    mu=Z.mean(0); sd=Z.std(0)+1e-6; Zs=(Z-mu)/sd
    A=Zs.T@Zs+lam*np.eye(Z.shape[1]); b=np.linalg.solve(A,Zs.T@(yt-yt.mean()))
    return lambda Zq: ((Zq-mu)/sd)@b
def oof(tr,fn,folds=5):
    out=np.zeros(len(tr))
    for f in range(folds):
        te=np.arange(len(tr))%folds==f
        out[te]=fn(tr[~te],tr[te])
    return out
def run(variant,seed=0,lexlam=30):
    rs=np.random.RandomState(seed); order=rs.permutation(n); fold=np.empty(n,int); fold[order]=np.arange(n)%5
    pred=np.zeros(n)
    for f in range(5):
        tr=np.array([j for j in order if fold[j]!=f][:1500]); te=np.where(fold==f)[0]
        tr=rs.permutation(tr)
        if 'full' not in variant: tr=tr[int(round(len(tr)*0.1)):]
        cols_tr=[]; cols_te=[]
        if 'knn' in variant:
            cols_tr.append(oof(tr,lambda a,b: knn(E[a],y[a],E[b]))); cols_te.append(knn(E[tr],y[tr],E[te]))
        if 'lex' in variant:
            cols_tr.append(oof(tr,lambda a,b: lexfit(a,lexlam)(b))); cols_te.append(lexfit(tr,lexlam)(te))
        Ztr=np.column_stack(cols_tr+[F[tr]]); Zte=np.column_stack(cols_te+[F[te]])
        pred[te]=ridge(Ztr,y[tr],10)(Zte)
    return apgr(pred)
for v in variants:
    print(name,v,[round(run(v,seed),4) for seed in [0,1,2]],flush=True)
