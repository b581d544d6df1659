// Number checks the browser repeats before asking the server (src/core/validators.cpp): the
// resident identity number of GB 11643-1999 and the certificate number of this system. Each
// check answers null when the number is good, or the server's problem code for the first fault.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

// ISO 7064 MOD 11-2: the 18th character for 17 digits, or '' when `first17` is not 17 digits.
export function identityCheckChar(first17) {
  if (!/^\d{17}$/.test(first17 || '')) return ''
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

// The two slips people make when typing a valid number: spaces around it, a lower-case x.
export function normalizeIdentityNumber(s) {
  const t = String(s ?? '').replace(/^[ \t]+|[ \t]+$/g, '')
  return t.endsWith('x') ? `${t.slice(0, -1)}X` : t
}

function isRealDate(y, m, d) {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return d <= days
}

// Problems, in the server's order: length, charset, invalid_birth_date, invalid_check_digit.
export function identityProblem(number) {
  const s = String(number ?? '')
  if (s.length !== 18) return 'length'
  if (!/^\d{17}[\dX]$/.test(s)) return 'charset'
  if (!isRealDate(Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14)))) return 'invalid_birth_date'
  if (identityCheckChar(s.slice(0, 17)) !== s[17]) return 'invalid_check_digit'
  return null
}

// Institution unified code: kind letter S/Y/J/Z, 4-digit ministry code, "33", 6-digit sequence.
export function institutionCodeProblem(code) {
  const s = String(code ?? '')
  if (s.length !== 13) return 'length'
  if (!'SYJZ'.includes(s[0])) return 'kind_letter'
  if (!/^\d{12}$/.test(s.slice(1))) return 'format'
  if (s.slice(5, 7) !== '33') return 'province'
  return null
}

// Certificate number: 22 characters = institution code (13) + year (2) + level 1–5 (1) + serial
// (6). Problems: length, kind_letter, format, province, level.
export function certificateNumberProblem(number) {
  const s = String(number ?? '')
  if (s.length !== 22) return 'length'
  const inst = institutionCodeProblem(s.slice(0, 13))
  if (inst) return inst
  if (!/^\d{9}$/.test(s.slice(13))) return 'format'
  const level = Number(s[15])
  if (level < 1 || level > 5) return 'level'
  return null
}
