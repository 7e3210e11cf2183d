# Offline experiment (numpy; not part of the build): out-of-domain kNN over llmrouter-dcrouter alone,
# with three labels (difficulty, nemotron-super-49b minus mistral-7b gain, big-minus-small models),
# alone and rank-averaged with prompt length. Reuses exp.py's loaders; run from this directory.
exec(open('exp.py').read().split("bench=['routellm-mmlu'")[0])
import numpy as np
def knn_score(Etr, ytr, Eq, k):
    out=np.empty(len(Eq))
    for i in range(0,len(Eq),2000):
        S=Eq[i:i+2000]@Etr.T
        idx=np.argpartition(-S,k,axis=1)[:,:k]
        w=np.take_along_axis(S,idx,1); w=np.maximum(w,0)**4+1e-9
        out[i:i+2000]=(w*ytr[idx]).sum(1)/w.sum(1)
    return out
rows,E,F=sets['llmrouter-dcrouter']
allm=np.array([[r['scores'][m] for m in sorted(r['scores'])] for r in rows],dtype=float)
models=sorted(rows[0]['scores'])
diff=1-allm.mean(1)
strongi=models.index('llama-3.3-nemotron-super-49b-v1'); weaki=models.index('mistral-7b-instruct-v0.3')
gain=allm[:,strongi]-allm[:,weaki]
# large-vs-small: mean of >=49b models minus mean of <=9b
big=[models.index(m) for m in ['llama-3.1-nemotron-51b-instruct','llama-3.3-nemotron-super-49b-v1','llama3-chatqa-1.5-70b']]
small=[i for i in range(len(models)) if i not in big]
bs=allm[:,big].mean(1)-allm[:,small].mean(1)
for b in ['routellm-mmlu','routellm-gsm8k','routellm-mtbench']:
    r2,E2,F2=sets[b]; s,w=pair_labels(b)
    keep=(E@E2.T).max(1)<0.9
    res={}
    for lname,y in [('diff',diff),('gain',gain),('bigsmall',bs)]:
        for k in [20,100]:
            p=knn_score(E[keep],y[keep],E2,k)
            res[f'{lname}-k{k}']=round(apgr(p,s,w),3)
            res[f'{lname}-k{k}+len']=round(apgr(rank(p)+rank(F2[:,0]),s,w),3)
    print(b,'kept',keep.sum(),res,flush=True)
