// Picks COUNT (cert_no, name) pairs at random, with a fixed seed, from the tab-separated lines
// that `sqlite3 -separator '\t' DB "SELECT cert_no, name FROM certificates ORDER BY cert_no"`
// prints on standard input, and writes one request path per line for certcheck.lua:
//   /api/v1/public/certificates/verify?cert_no=…&name=<percent-encoded UTF-8>
//
//   node sample_pairs.mjs --count 100000 --seed 20220420 < pairs.tsv > paths.txt
// The same input, count and seed give the same lines in the same order (a partial Fisher–Yates
// shuffle driven by mulberry32).
import { readFileSync, writeSync } from 'node:fs';

const opts = { count: 100000, seed: 20220420 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const k = argv[i].replace(/^--/, '');
  if (!(k in opts) || !Number.isInteger(Number(argv[i + 1]))) {
    console.error('usage: node sample_pairs.mjs --count N --seed S < pairs.tsv > paths.txt');
    process.exit(2);
  }
  opts[k] = Number(argv[i + 1]);
}

let state = opts.seed >>> 0;
function rand() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const lines = readFileSync(0, 'utf8').split('\n').filter((l) => l.length > 0);
const n = Math.min(opts.count, lines.length);
if (n === 0) {
  console.error('sample_pairs.mjs: no (cert_no, name) pairs on standard input');
  process.exit(1);
}
let out = '';
for (let i = 0; i < n; i++) {
  const j = i + Math.floor(rand() * (lines.length - i));
  [lines[i], lines[j]] = [lines[j], lines[i]];
  const tab = lines[i].indexOf('\t');
  const certNo = lines[i].slice(0, tab), name = lines[i].slice(tab + 1);
  out += `/api/v1/public/certificates/verify?cert_no=${encodeURIComponent(certNo)}&name=${encodeURIComponent(name)}\n`;
}
writeSync(1, out);
