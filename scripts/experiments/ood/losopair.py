# Offline experiment (numpy; not part of the build): leave-one-set-out over every dcrouter model pair
# (36 pairs, strong = the better mean), kNN alone or z-blended with length, and length alone; the pick
# is scored on the benchmark. Reuses knn.py; needs Dump.java's output. docs/routing-quality.md.
exec(open('knn.py').read().split("for b in ['routellm-mmlu'")[0])
import itertools
pairsets=['routellm-mmlu','routellm-gsm8k','routellm-mtbench','arena-bench-v1','alpaca-eval']
mean={m:allm[:,i].mean() for i,m in enumerate(models)}
pairs=[(a,b) for a,b in itertools.permutations(models,2) if mean[a]>mean[b]]
nb={}
for t in pairsets:
    r2,E2,F2=sets[t]; keep=np.where((E@E2.T).max(1)<0.9)[0]
    Ek=E[keep]; idxs=[];ws=[]
    for i in range(0,len(E2),2000):
        SIM=E2[i:i+2000]@Ek.T; idx=np.argpartition(-SIM,100,axis=1)[:,:100]
        w=np.maximum(np.take_along_axis(SIM,idx,1),0)**4+1e-9
        idxs.append(keep[idx]); ws.append(w)
    nb[t]=(np.vstack(idxs),np.vstack(ws))
table={}
for (a,b) in pairs:
    y=allm[:,models.index(a)]-allm[:,models.index(b)]
    for t in pairsets:
        r2,E2,F2=sets[t]; s,w=pair_labels(t); ok=~(np.isnan(s)|np.isnan(w))
        idx,ww=nb[t]; p=(ww*y[idx]).sum(1)/ww.sum(1)
        z=(p-p.mean())/(p.std()+1e-9)+(F2[:,0]-F2[:,0].mean())/F2[:,0].std()
        table[(a,b,'knn',t)]=apgr(p[ok],s[ok],w[ok]); table[(a,b,'knn+len',t)]=apgr(z[ok],s[ok],w[ok])
for t in pairsets:
    r2,E2,F2=sets[t]; s,w=pair_labels(t); ok=~(np.isnan(s)|np.isnan(w)); table[('-','-','length',t)]=apgr(F2[:,0][ok],s[ok],w[ok])
recipes=set(k[:3] for k in table)
for bm in ['routellm-mmlu','routellm-gsm8k','routellm-mtbench']:
    others=[t for t in pairsets if t!=bm]
    avg={r:np.mean([table[r+(t,)] for t in others]) for r in recipes}
    best=max(avg,key=avg.get)
    top=sorted(avg,key=avg.get,reverse=True)[:3]
    print(bm,'LOSO picks',best,round(avg[best],3),'->',round(table[best+(bm,)],3),'| top3 on bm:',[ (r,round(table[r+(bm,)],3)) for r in top])
