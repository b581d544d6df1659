// Supervision 监督检查 (issue 6) in the browser, on the suite's demo server (a supervision plan with
// a published draw, inspections at every stage including a covert one, complaints in every
// status). hangzhou: the menu, the published draw verified on the server (verified true, every
// check matching), an inspection's checklist, a complaint's content shown as text; inspector:
// 我的检查 lists exactly the inspections they are assigned to and opens one; inst: its inspections
// read-only, a self-evaluation submitted; the portal: the draw notice shows the revealed seed and
// the browser's own re-run of the draw, a complaint is submitted and looked up by its tracking
// number; the draw page in English.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, apiSession, assertNoProblems, launch, login, menuTexts, newPage, pickOption, shot, tableRows, switchLanguage } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

// The published draw of the demo, from the public API.
async function publishedDraw() {
  const res = await fetch(`${BASE_URL}/api/v1/public/draws?page_size=200`)
  assert.equal(res.status, 200)
  const draw = (await res.json()).items.find((d) => d.status === 'published')
  assert.ok(draw, 'the demo has a published draw')
  assert.match(draw.seed, /^[0-9a-f]+$/)
  return draw
}

describe('supervision in the console', () => {
  test('hangzhou verifies the published draw and reads an inspection checklist', async () => {
    const draw = await publishedDraw()
    const page = await newPage(browser)
    await login(page, 'hangzhou')
    const menu = await menuTexts(page)
    for (const entry of ['监管计划', '双随机抽取', '监督检查', '投诉举报', '检查人员名录']) assert.ok(menu.includes(entry), `menu has ${entry}`)

    // The draws list, then the published draw.
    await page.locator('[data-test=menu-draws]').click()
    await tableRows(page, '[data-test=draw-table]')
    await shot(page, 'supervision-draws')
    let link = page.locator(`[data-test=draw-open-${draw.id}]`)
    while (!(await link.count())) {
      await page.locator('[data-test=draw-table] .btn-next').click()
      await tableRows(page, '[data-test=draw-table]')
      link = page.locator(`[data-test=draw-open-${draw.id}]`)
    }
    await link.click()
    await page.waitForURL(new RegExp(`/console/supervision/draws/${draw.id}$`))
    assert.equal((await page.locator('[data-test=draw-status]').innerText()).trim(), '已公布')
    assert.equal((await page.locator('[data-test=draw-commitment]').innerText()).trim(), draw.commitment)
    assert.equal((await page.locator('[data-test=draw-seed]').innerText()).trim(), draw.seed)
    // The three steps are done; the result names targets with their inspectors.
    assert.equal(await page.locator('[data-test=draw-steps] .el-step__head.is-success').count(), 3)
    const targets = page.locator('[data-test=draw-result] .el-table__body-wrapper tbody tr.el-table__row')
    assert.ok((await targets.count()) >= 1)
    assert.doesNotMatch(await targets.first().locator('[data-test=draw-target-inspectors]').innerText(), /^—$/)
    assert.ok((await page.locator('[data-test=draw-pool] .el-table__body-wrapper tbody tr').count()) >= 1)
    assert.ok((await page.locator('[data-test=draw-roster] .el-table__body-wrapper tbody tr').count()) >= 2)

    // 核验: the server re-runs the draw.
    await page.locator('[data-test=draw-verify]').click()
    const verdict = page.locator('[data-test=draw-verify-result]')
    await verdict.waitFor()
    assert.equal(await verdict.getAttribute('data-verified'), 'true')
    assert.match(await page.locator('[data-test=draw-verified]').innerText(), /核验通过/)
    for (const k of ['commitment_matches', 'snapshot_matches', 'result_matches'])
      assert.match(await page.locator(`[data-test=verify-${k}]`).innerText(), /一致/)
    await shot(page, 'supervision-draw-verified', { fullPage: true })

    // A made draw with an inspection still open: 公布结果 waits (the server would answer 409), saying why.
    const hzApi = await apiSession('hangzhou')
    const drawn = (await hzApi.get('/supervision/draws', { status: 'drawn', page_size: '200' })).items
    let waiting = null
    for (const d of drawn) {
      const ins = (await hzApi.get('/inspections', { draw_id: String(d.id), page_size: '200' })).items
      if (ins.some((i) => i.status !== 'completed' && i.status !== 'cancelled')) {
        waiting = d
        break
      }
    }
    assert.ok(waiting, 'the demo has a made draw with an open inspection')
    await page.goto(page.url().replace(/\/console\/.*$/, `/console/supervision/draws/${waiting.id}`))
    await page.locator('[data-test=draw-publish]').waitFor()
    assert.equal(await page.locator('[data-test=draw-publish]').isDisabled(), true)
    assert.match(await page.locator('[data-test=draw-publish-hint]').innerText(), /未办结；全部完成或取消后方可公布/)
    await page.locator('.draw-publish-wrap').hover()
    await page.locator('.el-popper:visible', { hasText: '全部完成或取消后方可公布' }).waitFor()

    // An inspection with its checklist (from the menu, the first one with a recorded finding).
    const hz = await apiSession('hangzhou')
    const all = (await hz.get('/inspections', { page_size: '200' })).items
    assert.ok(all.length >= 4, 'inspections at every stage in the demo')
    assert.ok(all.some((i) => i.covert), 'a covert inspection in the demo')
    const target = all.find((i) => i.status === 'in_progress') || all.find((i) => i.status === 'completed') || all[0]
    const full = await hz.get(`/inspections/${target.id}`)
    await page.locator('[data-test=menu-inspections]').click()
    await tableRows(page, '[data-test=inspection-table]')
    await pickOption(page, 'insp-filter-status', { in_progress: '检查中', completed: '已完成', planned: '待检查', cancelled: '已取消' }[target.status])
    await page.waitForURL(new RegExp(`status=${target.status}`))
    let open = page.locator(`[data-test=inspection-open-${target.id}]`)
    await tableRows(page, '[data-test=inspection-table]')
    while (!(await open.count())) {
      await page.locator('[data-test=inspection-table] .btn-next').click()
      await tableRows(page, '[data-test=inspection-table]')
      open = page.locator(`[data-test=inspection-open-${target.id}]`)
    }
    await open.click()
    await page.waitForURL(new RegExp(`/console/supervision/inspections/${target.id}$`))
    const rows = page.locator('[data-test=findings-table] .el-table__body-wrapper tbody tr.el-table__row')
    await rows.first().waitFor()
    assert.equal(await rows.count(), full.checklist.length)
    assert.ok(full.checklist.length >= 1)
    assert.match(await rows.first().innerText(), new RegExp(full.checklist[0].code.replace(/[()]/g, '\\$&')))
    assert.match(await page.locator('[data-test=findings-progress]').innerText(), new RegExp(`/ ${full.checklist.length} 项`))
    if (target.status === 'in_progress') await page.locator('[data-test=findings-save]').waitFor()
    await shot(page, 'supervision-inspection', { fullPage: true })
    // Switched to English in place: the checklist items, translated by the server, are fetched
    // again; a note being typed is kept.
    const catalogue = (await hz.get('/supervision/checklist')).items
    const first = catalogue.find((i) => i.code === full.checklist[0].code)
    assert.ok(first?.text_en && first.text_zh !== first.text_en)
    const itemCell = rows.first().locator(`[id^=finding-text-]`)
    assert.equal((await itemCell.innerText()).trim(), first.text_zh)
    const note = page.locator(`textarea[data-test="finding-note-${first.code}"], [data-test="finding-note-${first.code}"] textarea`)
    if (target.status === 'in_progress') await note.fill('切换语言前的备注')
    await switchLanguage(page, 'en')
    await page.waitForFunction(([sel, text]) => document.querySelector(sel)?.textContent.trim() === text, [`[data-test=findings-table] [id^=finding-text-]`, first.text_en])
    assert.match(await page.locator('[data-test=findings-progress]').innerText(), new RegExp(`of ${full.checklist.length} items`))
    if (target.status === 'in_progress') assert.equal(await note.inputValue(), '切换语言前的备注')
    await switchLanguage(page, 'zh-CN')
    await page.waitForFunction(([sel, text]) => document.querySelector(sel)?.textContent.trim() === text, [`[data-test=findings-table] [id^=finding-text-]`, first.text_zh])
    if (target.status === 'in_progress') await note.fill(full.checklist[0].note || '')
    // The institution's archive from the inspection.
    await page.locator('[data-test=inspection-archive]').click()
    await page.waitForURL(new RegExp(`/console/institutions/${target.institution_id}/archive$`))
    await page.locator('[data-test=standing-badge]').waitFor()
    assert.match(await page.locator('[data-test=standing-badge]').innerText(), /^(良好|关注|重点监管)$/)
    await shot(page, 'supervision-archive', { fullPage: true })
    assertNoProblems(page)
    await page.context().close()
  })

  test('the inspector sees only the inspections assigned to them', async () => {
    const insp = await apiSession('inspector')
    const mine = await insp.get('/inspections', { page_size: '200' })
    const hz = await apiSession('hangzhou')
    const all = await hz.get('/inspections', { page_size: '200' })
    assert.ok(mine.total >= 1, 'the demo inspector has assignments')
    assert.ok(mine.total < all.total, 'others exist that are not theirs')
    const roster = (await hz.get('/supervision/inspectors', { page_size: '200' })).items
    const me = roster.find((r) => r.user_id === insp.user.id)
    assert.ok(me, 'the inspector account is on the roster')

    const page = await newPage(browser)
    await login(page, 'inspector')
    const menu = await menuTexts(page)
    assert.ok(menu.includes('我的检查'))
    assert.ok(!menu.includes('双随机抽取') && !menu.includes('投诉举报'))
    await page.locator('[data-test=menu-my-inspections]').click()
    await page.waitForURL(/\/console\/supervision\/my-inspections/)
    const rows = await tableRows(page, '[data-test=inspection-table]')
    assert.equal(await rows.count(), Math.min(mine.total, 20))
    assert.match(await page.locator('[data-test=inspection-table] .el-pagination__total').innerText(), new RegExp(String(mine.total)))
    const shown = (await rows.locator('[data-test^=inspection-open-]').evaluateAll((as) => as.map((a) => Number(a.dataset.test.split('-').pop())))).sort((a, b) => a - b)
    assert.deepEqual(shown, mine.items.slice(0, 20).map((i) => i.id).sort((a, b) => a - b))
    for (const i of mine.items) assert.ok(i.inspectors.some((x) => x.id === me.id), `inspection ${i.id} is assigned to the inspector`)
    await shot(page, 'supervision-my-inspections')
    // One of them opens on the inspector's own detail route.
    await rows.first().locator('[data-test^=inspection-open-]').click()
    await page.waitForURL(/\/console\/supervision\/my-inspections\/\d+$/)
    await page.locator('[data-test=findings-table]').waitFor()
    assert.match(await page.locator('[data-test=inspection-inspectors]').innerText(), new RegExp(me.name))
    // Someone else's inspection is not found.
    const other = all.items.find((i) => !mine.items.some((m) => m.id === i.id))
    await page.goto(`${BASE_URL}/console/supervision/my-inspections/${other.id}`)
    await page.locator('.error-state').waitFor()
    assert.equal(await page.locator('[data-test=findings-table]').count(), 0)
    assertNoProblems(page)
    await page.context().close()
  })
})

describe('supervision for the institution', () => {
  test('inst reads its inspections (no covert visit under way) and submits its self-evaluation', async () => {
    const inst = await apiSession('inst')
    const hz = await apiSession('hangzhou')
    // The demo's annual assessment is of another 西湖区 institution: hangzhou opens one for inst's.
    const tomorrow = new Date(Date.now() + 8 * 3600e3 + 86400e3).toISOString().slice(0, 10)
    const annual = await hz.post('/inspections', {
      institution_id: inst.user.institution_id, kind: 'annual_assessment', mode: 'self_evaluation_review', scheduled_on: tomorrow, inspector_ids: [],
    })
    const mine = (await inst.get('/inspections', { page_size: '200' })).items
    assert.ok(mine.some((i) => i.id === annual.id))
    const hidden = (await hz.get('/inspections', { page_size: '200' })).items.filter((i) => i.institution_id === inst.user.institution_id && i.covert && i.status !== 'completed')
    assert.ok(!mine.some((i) => hidden.some((h) => h.id === i.id)), 'a covert visit under way stays hidden')

    const page = await newPage(browser)
    await login(page, 'inst')
    const menu = await menuTexts(page)
    assert.ok(menu.includes('监督检查') && menu.includes('监管档案'))
    await page.locator('[data-test=menu-inspections]').click()
    const rows = await tableRows(page, '[data-test=inspection-table]')
    assert.equal(await rows.count(), Math.min(mine.length, 20))
    await page.locator(`[data-test=inspection-open-${annual.id}]`).click()
    await page.waitForURL(new RegExp(`/console/supervision/inspections/${annual.id}$`))
    await page.locator('[data-test=inspection-read-only]').waitFor()
    // Read-only: no work buttons, no finding editor.
    assert.equal(await page.locator('[data-test=inspection-start], [data-test=inspection-complete], [data-test=findings-save]').count(), 0)
    const text = '本机构对照检查事项逐项自查：制度健全，资格审核留档完整，未发现问题。'
    await page.locator('#self-eval-text').fill(text)
    await page.locator('[data-test=self-eval-submit]').click()
    await page.locator('.el-message--success').waitFor()
    assert.equal((await inst.get(`/inspections/${annual.id}`)).self_evaluation.text, text)
    await shot(page, 'supervision-self-evaluation', { fullPage: true })
    // Its archive.
    await page.locator('[data-test=menu-my-institution-archive]').click()
    await page.locator('[data-test=standing-badge]').waitFor()
    assertNoProblems(page)
    await page.context().close()
  })
})

describe('supervision in the portal', () => {
  test('the draw notice shows the revealed seed', async () => {
    const draw = await publishedDraw()
    const page = await newPage(browser)
    await page.goto(`${BASE_URL}/public`)
    await page.locator('[data-test=nav-draws]').click()
    await page.locator('[data-test=public-draws][data-state=ready]').waitFor()
    await page.locator(`[data-test=public-draw-open-${draw.id}]`).click()
    await page.waitForURL(new RegExp(`/public/draws/${draw.id}$`))
    assert.equal((await page.locator('[data-test=draw-seed]').innerText()).trim(), draw.seed)
    assert.equal((await page.locator('[data-test=draw-commitment]').innerText()).trim(), draw.commitment)
    // The browser re-runs the draw itself (docs/draw.md): commitment, snapshot hash and result.
    const check = page.locator('[data-test=seed-check]')
    await check.waitFor()
    assert.equal(await check.getAttribute('data-verified'), 'true')
    for (const k of ['commitment_matches', 'snapshot_matches', 'result_matches'])
      assert.match(await page.locator(`[data-test=seed-check-${k}]`).innerText(), /：一致$/)
    await page.locator('[data-test=draw-how]').waitFor()
    assert.ok((await page.locator('[data-test=draw-result] .el-table__body-wrapper tbody tr.el-table__row').count()) >= 1)
    await shot(page, 'supervision-public-draw', { fullPage: true })
    // Published inspection results.
    await page.locator('[data-test=nav-inspection-results]').click()
    await tableRows(page, '[data-test=inspection-results]')
    assertNoProblems(page)
    await page.context().close()
  })

  test('a complaint is submitted, looked up by its tracking number, and shown as text in the console', async () => {
    const inst = await apiSession('inst')
    const institution = await inst.get(`/institutions/${inst.user.institution_id}`)
    const content = '考前收取“包过费”2000元，未开具发票。<b>附言</b>'
    const page = await newPage(browser)
    await page.goto(`${BASE_URL}/public`)
    await page.locator('[data-test=nav-complaints]').click()
    await page.waitForURL(/\/public\/complaints$/)
    // Too short a content is refused in the browser.
    await page.locator('#cf-code').fill(institution.code)
    await pickOption(page, 'cf-category', '收费问题')
    await page.locator('#cf-content').fill('太贵了')
    await page.locator('[data-test=cf-submit]').click()
    await page.locator('.el-form-item.is-error', { has: page.locator('#cf-content') }).locator('.el-form-item__error', { hasText: '不能少于 10 个字符' }).waitFor()
    await page.locator('#cf-content').fill(content)
    await page.locator('#cf-contact').fill('13800000000')
    await page.locator('[data-test=cf-submit]').click()
    const no = (await page.locator('[data-test=complaint-tracking-no]').innerText()).trim()
    assert.match(no, /^TS\d{8}[0-9A-F]+$/)
    await shot(page, 'supervision-complaint-submitted')

    await page.locator('[data-test=complaint-track-now]').click()
    await page.waitForURL(new RegExp(`/public/complaints/track\\?no=${no}`))
    await page.locator('[data-test=track-result]').waitFor()
    assert.equal((await page.locator('[data-test=track-no]').innerText()).trim(), no)
    assert.equal((await page.locator('[data-test=track-status]').innerText()).trim(), '已收到')
    // An unknown number is not found.
    await page.locator('#ct-no').fill('TS20000101ABCDEF0123456789')
    await page.locator('[data-test=ct-submit]').click()
    await page.locator('[data-test=track-not-found]').waitFor()
    assertNoProblems(page)
    await page.context().close()

    // The authority reads it, the markup as text.
    const hz = await apiSession('hangzhou')
    const found = (await hz.get('/complaints', { status: 'received', page_size: '200' })).items.find((c) => c.tracking_no === no)
    assert.ok(found, 'the complaint reached hangzhou')
    const officer = await newPage(browser)
    await login(officer, 'hangzhou')
    await officer.goto(`${BASE_URL}/console/supervision/complaints/${found.id}`)
    const shown = officer.locator('[data-test=complaint-content]')
    await shown.waitFor()
    assert.equal((await shown.innerText()).trim(), content)
    assert.equal(await shown.locator('b').count(), 0)
    await officer.locator('[data-test=complaint-accept]').waitFor()
    await shot(officer, 'supervision-complaint')
    assertNoProblems(officer)
    await officer.context().close()
  })
})

describe('language', () => {
  test('the draw page in English', async () => {
    const draw = await publishedDraw()
    const page = await newPage(browser)
    await login(page, 'hangzhou')
    await page.goto(`${BASE_URL}/console/supervision/draws/${draw.id}`)
    await page.locator('[data-test=draw-status]').waitFor()
    await switchLanguage(page, 'en')
    await page.waitForFunction(() => document.documentElement.lang === 'en')
    assert.equal((await page.locator('[data-test=draw-status]').innerText()).trim(), 'Published')
    assert.equal((await page.locator('[data-test=draw-verify]').innerText()).trim(), 'Verify')
    assert.ok((await menuTexts(page)).includes('Random draws'))
    await page.locator('[data-test=draw-verify]').click()
    assert.match(await page.locator('[data-test=draw-verified]').innerText(), /^Verified/)
    await shot(page, 'supervision-draw-en')
    assertNoProblems(page)
    await page.context().close()
  })
})
