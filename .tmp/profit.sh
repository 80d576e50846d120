rm -rf .tmp/prof; node --cpu-prof --cpu-prof-dir=.tmp/prof --import tsx .tmp/one.ts "$1" && node -e "
const fs=require('fs');const dir='.tmp/prof';const f=fs.readdirSync(dir).map(f=>[f,fs.statSync(dir+'/'+f).size]).sort((a,b)=>b[1]-a[1])[0][0];const p=JSON.parse(fs.readFileSync(dir+'/'+f));
const self=new Map();const dt=p.timeDeltas;const byId=new Map(p.nodes.map(n=>[n.id,n]));
p.samples.forEach((id,i)=>{const n=byId.get(id);const k=n.callFrame.functionName+' '+n.callFrame.url.split('/').pop()+':'+n.callFrame.lineNumber+':'+n.callFrame.columnNumber;self.set(k,(self.get(k)||0)+(dt[i]||0));});
[...self.entries()].filter(([k])=>!/hooks|main.js|idle|loader|realm|utils:|resolve|translators|lexer:|FileHandle|openFile|errors/.test(k)).sort((a,b)=>b[1]-a[1]).slice(0,14).forEach(([k,v])=>console.log((v/1000).toFixed(1),k));"
