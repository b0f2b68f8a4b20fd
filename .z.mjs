import { parseDocument } from 'yaml';
const bomb = (lv) => 'a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n'+Array.from({length: lv-1}, (_, k) => { const i=k+1; return `a${i}: &a${i} [${Array(10).fill('*a'+(i-1)).join(',')}]\n`; }).join('');
const scal = (n) => 'd: &d x\n' + Array.from({length:n}, (_, i) => `k${i}: *d\n`).join('');
const ok = (t, m) => { try { parseDocument(t, {uniqueKeys:false}).toJS({maxAliasCount: m}); return true; } catch { return false; } };
const minimal = (t) => { let lo=0, hi=1e15; if (!ok(t,hi)) return 'inf'; while (lo<hi) { const mid=Math.floor((lo+hi)/2); if (ok(t,mid)) hi=mid; else lo=mid+1; } return lo; };
for (const lv of [2,3,4,5,6,7,8,9]) { const t0=Date.now(); console.log('bomb', lv, minimal(bomb(lv)), Date.now()-t0+'ms'); }
for (const n of [101, 10000, 50000]) console.log('scalar', n, minimal(scal(n)));
