// A batch file cut into parts the server takes (batch_service.cpp add_part): each at most a few MiB,
// a CSV part ending at a line end (the first part with the header line), a JSON part an array of
// rows. A leading byte-order mark (spreadsheet exports) is dropped: the header must match exactly.
const encoder = new TextEncoder()
const bytes = (s) => encoder.encode(s).length

export function splitCsv(text, maxBytes) {
  let s = text.replace(/^\uFEFF/, '')
  if (s && !s.endsWith('\n')) s += '\n'
  const parts = []
  let cur = ''
  let curBytes = 0
  // Line by line; a quoted field with a line break stays in one part (the quotes are counted).
  let line = ''
  let quotes = 0
  for (const piece of s.split(/(?<=\n)/)) {
    line += piece
    quotes += (piece.match(/"/g) || []).length
    if (quotes % 2) continue
    const n = bytes(line)
    if (cur && curBytes + n > maxBytes) {
      parts.push(cur)
      cur = ''
      curBytes = 0
    }
    cur += line
    curBytes += n
    line = ''
    quotes = 0
  }
  if (line) cur += line
  if (cur) parts.push(cur)
  return parts
}

// Throws a SyntaxError when the text is not a JSON array.
export function splitJson(text, maxBytes) {
  const rows = JSON.parse(text.replace(/^\uFEFF/, ''))
  if (!Array.isArray(rows)) throw new SyntaxError('not an array')
  const parts = []
  let cur = []
  let curBytes = 2
  for (const r of rows) {
    const n = bytes(JSON.stringify(r)) + 1
    if (cur.length && curBytes + n > maxBytes) {
      parts.push(JSON.stringify(cur))
      cur = []
      curBytes = 2
    }
    cur.push(r)
    curBytes += n
  }
  if (cur.length || !parts.length) parts.push(JSON.stringify(cur))
  return parts
}

export const byteLength = bytes
