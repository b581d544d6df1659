// Writes a deterministic CSV of candidate rows in the format of skillreg's batch endpoint
// (POST /api/v1/batches, kind candidates; header identity_no,name,education,years_in_trade,
// prior_level,prior_cert_date,apprenticeship,review), for bench/ingest.sh.
//
//   node bench/ingest/gen_candidates.mjs --rows 1000000 --seed 20220420 --out FILE
//
// Every row is valid as skillreg validates it (so the whole batch is applied): an 18-character
// GB 11643 identity number with a real birth date (1966–2005) and its ISO 7064 MOD 11-2 check
// character, unique in the file; a UTF-8 name of two or three Chinese characters; an education
// of skillreg's list; 0–30 years in the trade; a prior level (2–5) with its certificate date
// (after the holder's 16th birthday, 2005–2024) on some rows; yes/no apprenticeship; review "admitted". The same rows and seed give the same bytes.
import { openSync, writeSync, closeSync } from 'node:fs';

const opts = { rows: 1000000, seed: 20220420, out: '' };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const k = argv[i].replace(/^--/, '');
  if (!(k in opts) || argv[i + 1] === undefined) {
    console.error('usage: node gen_candidates.mjs --rows N --seed S --out FILE');
    process.exit(2);
  }
  opts[k] = k === 'out' ? argv[i + 1] : Number(argv[i + 1]);
}
if (!opts.out || !(opts.rows >= 1) || !Number.isInteger(opts.seed)) {
  console.error('gen_candidates.mjs: --out FILE, --rows N >= 1 and an integer --seed are required');
  process.exit(2);
}

// mulberry32: a small 32-bit generator, the same sequence on every platform.
let state = opts.seed >>> 0;
function rand() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(rand() * list.length)];

// GB 11643-1999: the check character of the first 17 digits (ISO 7064 MOD 11-2).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
export function checkChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11];
}

// Districts of Zhejiang's 11 cities (administrative division codes).
const REGIONS = ['330102', '330106', '330203', '330212', '330302', '330402', '330502', '330602',
  '330702', '330802', '330902', '331002', '331102', '330110', '330681', '330782'];
const DAY_MS = 86400000;
const FIRST_BIRTH = Date.UTC(1966, 0, 1);
const BIRTH_DAYS = Math.round((Date.UTC(2006, 0, 1) - FIRST_BIRTH) / DAY_MS); // 1966-01-01 … 2005-12-31
const SPACE = REGIONS.length * BIRTH_DAYS * 1000; // region × birth date × 3-digit sequence
if (opts.rows > SPACE) {
  console.error(`gen_candidates.mjs: at most ${SPACE} unique identity numbers`);
  process.exit(2);
}
// Row i takes the identity (i × STEP + offset) mod SPACE: STEP is prime to SPACE, so the map is
// one-to-one and no number repeats, while neighbouring rows get unrelated regions and dates.
const gcd = (a, b) => (b === 0 ? a : gcd(b, a % b));
let STEP = 2654435761 % SPACE;
while (gcd(STEP, SPACE) !== 1) STEP++;
const OFFSET = Math.floor(rand() * SPACE);
const pad = (n, w) => String(n).padStart(w, '0');
const ymd = (ms) => new Date(ms).toISOString().slice(0, 10);

// Row i's identity number and its holder's birth date (ms since the epoch).
function identity(i) {
  // BigInt-free modular multiply: i < 2^21 and STEP < 2^28 would overflow 2^53, so split STEP.
  const hi = Math.floor(STEP / 65536), lo = STEP % 65536;
  let k = ((((i * hi) % SPACE) * 65536) % SPACE + ((i * lo) % SPACE) + OFFSET) % SPACE;
  const seq = k % 1000;
  k = Math.floor(k / 1000);
  const day = k % BIRTH_DAYS;
  const region = REGIONS[Math.floor(k / BIRTH_DAYS)];
  const birth = FIRST_BIRTH + day * DAY_MS;
  const first17 = region + ymd(birth).replaceAll('-', '') + pad(seq, 3);
  return [first17 + checkChar(first17), birth];
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢傅钟姜崔谭陆汪范金石廖贾夏韦方'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红文辉力鹏飞玉兰春梅海燕晓东俊峰雪梅佳琪子涵浩然欣怡宇轩梓萱思远雨桐晨阳'];
const EDUCATION = ['none', 'junior_high', 'junior_high', 'high_school', 'high_school', 'technical_school',
  'technical_school', 'college', 'college', 'bachelor', 'master'];

const LAST_PRIOR = Date.UTC(2024, 11, 31); // prior certificates are dated up to the end of 2024
const fd = openSync(opts.out, 'w');
let buf = 'identity_no,name,education,years_in_trade,prior_level,prior_cert_date,apprenticeship,review\n';
for (let i = 0; i < opts.rows; i++) {
  const name = pick(SURNAMES) + pick(GIVEN) + (rand() < 0.7 ? pick(GIVEN) : '');
  const years = Math.floor(rand() * 31);
  const [id, birth] = identity(i);
  let prior = '', priorDate = '';
  if (rand() < 0.45) {
    prior = String(2 + Math.floor(rand() * 4)); // 2–5
    // From the holder's 16th birthday (2005 at the earliest) to 2024: never before birth (S19(2)).
    const from = Math.max(Date.UTC(2005, 0, 1), birth + 16 * 365.25 * DAY_MS);
    priorDate = ymd(from + Math.floor(rand() * ((LAST_PRIOR - from) / DAY_MS)) * DAY_MS);
  }
  const apprenticeship = rand() < 0.15 ? 'yes' : 'no';
  buf += `${id},${name},${pick(EDUCATION)},${years},${prior},${priorDate},${apprenticeship},admitted\n`;
  if (buf.length > 1 << 20) {
    writeSync(fd, buf);
    buf = '';
  }
}
writeSync(fd, buf);
closeSync(fd);
