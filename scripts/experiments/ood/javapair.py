# Offline experiment (numpy; not part of the build): how much the dcrouter kNN depends on which model
# pair defines the gain (Gearbox's default pair for multi-model sets vs nemotron-super-49b minus
# mistral-7b), the neighbour weight power, and a z-score blend with length. docs/routing-quality.md.
exec(open('knn.py').read().split("for b in ['routellm-mmlu'")[0])
def knn_p(Etr,ytr,Eq,k,pw):
    out=np.empty(len(Eq))
    for i in range(0,len(Eq),2000):
        S=Eq[i:i+2000]@Etr.T; idx=np.argpartition(-S,k,axis=1)[:,:k]
        w=np.take_along_axis(S,idx,1); w=np.maximum(w,0)**pw+1e-9
        out[i:i+2000]=(w*ytr[idx]).sum(1)/w.sum(1)
    return out
jg=allm[:,models.index('llama-3.1-nemotron-51b-instruct')]-allm[:,models.index('gemma-2-9b-it')]
for b in ['routellm-mmlu','routellm-gsm8k','routellm-mtbench']:
    r2,E2,F2=sets[b]; s,w=pair_labels(b); keep=(E@E2.T).max(1)<0.9
    res={}
    for lname,y in [('java-pair',jg),('super49-mistral',gain)]:
        for pw in [1,4]:
            p=knn_p(E[keep],y[keep],E2,100,pw)
            z=(p-p.mean())/p.std()+(F2[:,0]-F2[:,0].mean())/F2[:,0].std()
            res[f'{lname}-pw{pw}']=round(apgr(p,s,w),3); res[f'{lname}-pw{pw}+zlen']=round(apgr(z,s,w),3)
    print(b,res,flush=True)
