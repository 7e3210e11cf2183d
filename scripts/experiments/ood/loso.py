# Offline experiment (numpy; not part of the build): picks an out-of-domain recipe for each RouteLLM
# benchmark by leave-one-set-out over the other two-model sets only, then scores it on the benchmark.
# Reuses knn.py; needs Dump.java's output in /tmp/emb. docs/routing-quality.md, 2026-12-07.
exec(open('knn.py').read().split("for b in ['routellm-mmlu'")[0])
# recipes: (pool label, k, blend with length)
pairsets=['routellm-mmlu','routellm-gsm8k','routellm-mtbench','arena-bench-v1','alpaca-eval']
def recipe_scores(target, exclude):
    r2,E2,F2=sets[target]; s,w=pair_labels(target); ok=~(np.isnan(s)|np.isnan(w))
    keep=(E@E2.T).max(1)<0.9
    out={}
    for lname,y in [('diff',diff),('gain',gain),('bigsmall',bs)]:
        for k in [20,100]:
            p=knn_score(E[keep],y[keep],E2,k)
            out[f'{lname}-k{k}']=apgr(p[ok],s[ok],w[ok])
            out[f'{lname}-k{k}+len']=apgr((rank(p)+rank(F2[:,0]))[ok],s[ok],w[ok])
    out['length']=apgr(F2[:,0][ok],s[ok],w[ok])
    return out
table={t:recipe_scores(t,None) for t in pairsets}
for b in ['routellm-mmlu','routellm-gsm8k','routellm-mtbench']:
    others=[t for t in pairsets if t!=b]
    avg={r:np.mean([table[t][r] for t in others]) for r in table[b]}
    best=max(avg,key=avg.get)
    print(b,'LOSO picks',best,round(avg[best],3),'-> on',b,round(table[b][best],3),'| length',round(table[b]['length'],3))
print({t:{k:round(v,3) for k,v in table[t].items()} for t in ['arena-bench-v1','alpaca-eval']})
