import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const h = readFileSync('dist/tcoscope.html', 'utf8');
const gz = (s) => (gzipSync(Buffer.from(s), { level: 9 }).length / 1024).toFixed(1);
const boot = JSON.parse(h.match(/id="tcoscope-boot">([\s\S]*?)<\/script>/)[1]);
for (const [k, v] of Object.entries(boot)) { const s = JSON.stringify(v); console.log(k, (s.length/1024).toFixed(1), gz(s)); }
if (boot.result) for (const [k, v] of Object.entries(boot.result)) { const s = JSON.stringify(v); console.log('  result.'+k, (s.length/1024).toFixed(1), gz(s)); }
