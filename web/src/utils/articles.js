// Article codes of the two Zhejiang measures in legal wording. The server names articles by code:
// "S19(10)" is article 19, item 10 of the supervision measures (浙江省技能人才评价监督管理办法),
// "M16" article 16 of the institution measures (浙江省技能人才评价机构管理办法). In Chinese they read
// 第十九条第（十）项 / 第十六条, in English Article 19(10) / Article 16. Badges keep the codes; prose
// (messages, the legal basis of a notice) uses these words.

export const DOCUMENTS = {
  S: { zh: '浙江省技能人才评价监督管理办法', en: 'the Zhejiang supervision measures' },
  M: { zh: '浙江省技能人才评价机构管理办法', en: 'the Zhejiang institution measures' },
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']

// 1–99 in Chinese numerals (十, 十九, 二十, 九十九); other numbers stay in digits.
export function chineseNumeral(n) {
  const v = Number(n)
  if (!Number.isInteger(v) || v < 1 || v > 99) return String(n)
  if (v < 10) return DIGITS[v]
  const tens = Math.floor(v / 10)
  const ones = v % 10
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`
}

// "S19(10)" → { doc: 'S', article: 19, item: 10 }; null for anything else.
export function parseArticle(code) {
  const m = /^([SM])(\d{1,2})(?:\((\d{1,2})\))?$/.exec(String(code || '').trim())
  return m ? { doc: m[1], article: Number(m[2]), item: m[3] ? Number(m[3]) : null } : null
}

const isZh = (locale) => String(locale || '').startsWith('zh')

// One article in words, without the title of its measures: 第十九条第（十）项 / Article 19(10).
// A code that is not an article stays as it is.
export function articleWords(code, locale = 'zh-CN') {
  const a = parseArticle(code)
  if (!a) return String(code || '')
  if (isZh(locale)) return `第${chineseNumeral(a.article)}条${a.item ? `第（${chineseNumeral(a.item)}）项` : ''}`
  return `Article ${a.article}${a.item ? `(${a.item})` : ''}`
}

// One article with the title of its measures: 《浙江省技能人才评价机构管理办法》第十六条 /
// Article 16 of the Zhejiang institution measures.
export function articleText(code, locale = 'zh-CN') {
  const a = parseArticle(code)
  if (!a) return String(code || '')
  const doc = DOCUMENTS[a.doc]
  return isZh(locale) ? `《${doc.zh}》${articleWords(code, locale)}` : `${articleWords(code, locale)} of ${doc.en}`
}

// Several articles, grouped by their measures in the order given, each title once:
// 《浙江省技能人才评价监督管理办法》第十九条第（十）项、第二十条 /
// Article 19(10) and Article 20 of the Zhejiang supervision measures.
export function articlesText(codes, locale = 'zh-CN') {
  const groups = []
  const plain = []
  for (const code of codes || []) {
    const a = parseArticle(code)
    if (!a) {
      if (code) plain.push(String(code))
      continue
    }
    let g = groups.find((x) => x.doc === a.doc)
    if (!g) groups.push((g = { doc: a.doc, words: [] }))
    const w = articleWords(code, locale)
    if (!g.words.includes(w)) g.words.push(w)
  }
  const zh = isZh(locale)
  const parts = groups.map((g) => {
    const doc = DOCUMENTS[g.doc]
    if (zh) return `《${doc.zh}》${g.words.join('、')}`
    const list = g.words.length > 1 ? `${g.words.slice(0, -1).join(', ')} and ${g.words[g.words.length - 1]}` : g.words[0]
    return `${list} of ${doc.en}`
  })
  return [...parts, ...plain].join(zh ? '；' : '; ')
}
