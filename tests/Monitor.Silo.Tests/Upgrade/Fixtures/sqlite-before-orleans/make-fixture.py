import json,urllib.request,datetime,sys
base='http://127.0.0.1:5311/'
def call(method,path,body=None,key=None,ctype='application/json'):
    data=None if body is None else (body if isinstance(body,bytes) else json.dumps(body).encode())
    req=urllib.request.Request(base+path,data=data,method=method)
    if data is not None: req.add_header('Content-Type',ctype)
    if key: req.add_header('Authorization','Bearer '+key)
    try:
        with urllib.request.urlopen(req) as r: 
            t=r.read(); return r.status, (json.loads(t) if t else None)
    except urllib.error.HTTPError as e:
        print(method,path,e.code,e.read()[:300]); raise
s,k=call('POST','api/keys',{"role":"admin","name":"fixture-admin"})
admin=k['key']; print('admin key id',k.get('id'))
s,r=call('POST','api/keys',{"role":"reader","name":"fixture-reader"},admin)
open('keys.json','w').write(json.dumps({"admin":admin,"reader":r['key']}))
for acc,groups in [("x:1001",["turkic-mfa"]),("x:1002",["turkic-mfa"]),("bluesky:did:plc:z72i7hdynmk6r22z27h6tvur",["demo"])]:
    call('PUT','api/accounts/'+acc,{"handle":acc.split(':',1)[1],"displayName":"Fixture "+acc,"groups":groups},admin)
# 60 days of daily points, a spike on x:1001 on day 50
start=(datetime.datetime.now(datetime.timezone.utc)-datetime.timedelta(days=61)).replace(hour=0,minute=0,second=0,microsecond=0)
obs=[]
for d in range(60):
    for acc,basev in [("x:1001",100000),("x:1002",50000),("bluesky:did:plc:z72i7hdynmk6r22z27h6tvur",2000)]:
        f=basev+d*50
        if acc=="x:1001" and d>=50: f+=40000
        obs.append({"account":acc,"timestamp":(start+datetime.timedelta(days=d)).isoformat().replace('+00:00','Z'),"followers":f,"following":10,"posts":100+d})
s,r=call('POST','api/observations',obs,admin); print('observations',r if not isinstance(r,dict) else {k:v for k,v in r.items() if k!='rejected'})
import time
for i in range(50):
    s,alerts=call('GET','api/alerts?limit=50',None,admin)
    if alerts['items']: break
    time.sleep(0.2); print('alerts',len(alerts['items']),[a['id'] for a in alerts['items']])
if alerts['items']:
    call('POST','api/alerts/'+alerts['items'][0]['id']+'/acknowledge',{"by":"fixture"},admin)
call('POST','api/silences',{"account":"x:1002","duration":"30.00:00:00","comment":"fixture silence","createdBy":"fixture"},admin)
call('POST','api/webhooks',{"id":"fixture-hook","url":"https://hooks.example.org/monitor","secret":"fixture-secret-0123456789","format":"monitor"},admin)
print('done')
