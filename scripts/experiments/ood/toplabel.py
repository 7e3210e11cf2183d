# Offline experiment (numpy; not part of the build): pair-free difficulty labels from dcrouter (1 - mean
# correctness of all models, of the three largest, of the best one), kNN alone or with length, chosen
# by leave-one-set-out. Reuses losopair.py. docs/routing-quality.md.
exec(open('losopair.py').read().split("table={}")[0])
big3=[models.index(m) for m in ['llama-3.1-nemotron-51b-instruct','llama-3.3-nemotron-super-49b-v1','llama3-chatqa-1.5-70b']]
labels={'top3wrong':1-allm[:,big3].mean(1),'diff':1-allm.mean(1),
        'top1wrong':1-allm[:,models.index('llama-3.1-nemotron-51b-instruct')]}
table={}
for ln,y in labels.items():
    for t in pairsets:
        r2,E2,F2=sets[t]; s,w=pair_labels(t); ok=~(np.isnan(s)|np.isnan(w))
        idx,ww=nb[t]; p=(ww*y[idx]).sum(1)/ww.sum(1)
        z=(p-p.mean())/(p.std()+1e-9)+(F2[:,0]-F2[:,0].mean())/F2[:,0].std()
        table[(ln,'knn',t)]=apgr(p[ok],s[ok],w[ok]); table[(ln,'knn+len',t)]=apgr(z[ok],s[ok],w[ok])
for t in pairsets:
    r2,E2,F2=sets[t]; s,w=pair_labels(t); ok=~(np.isnan(s)|np.isnan(w)); table[('-','length',t)]=apgr(F2[:,0][ok],s[ok],w[ok])
recipes=set(k[:2] for k in table)
for t in pairsets: print(t,{r:round(table[r+(t,)],3) for r in sorted(recipes)})
for bm in ['routellm-mmlu','routellm-gsm8k','routellm-mtbench']:
    others=[t for t in pairsets if t!=bm]
    avg={r:np.mean([table[r+(t,)] for t in others]) for r in recipes}
    best=max(avg,key=avg.get)
    print(bm,'LOSO picks',best,round(avg[best],3),'->',round(table[best+(bm,)],3))
