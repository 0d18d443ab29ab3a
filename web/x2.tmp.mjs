import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const h = readFileSync('dist/tcoscope.html', 'utf8');
const gz = (s) => (gzipSync(Buffer.from(s), { level: 9 }).length / 1024).toFixed(1);
const boot = JSON.parse(h.match(/id="tcoscope-boot">([\s\S]*?)<\/script>/)[1]);
const walk = (o, p, d) => { for (const [k, v] of Object.entries(o)) { const s = JSON.stringify(v); if (s.length > 1500) { console.log(p + '/' + k, (s.length/1024).toFixed(1), gz(s)); if (d < 2 && v && typeof v === 'object' && !Array.isArray(v)) walk(v, p + '/' + k, d + 1); } } };
walk(boot.evaluate, 'evaluate', 0); walk(boot.sensitivity, 'sens', 0);
const sch = boot.schema; console.log('schema keys', Object.keys(sch));
walk(sch, 'schema', 0);
