// The close-out story (docs/workflow.md), each role doing its part in the browser, the calendar
// moved by restarting the server at the next date (as tests/server/story_test.cpp moves its
// clock): a store confirms, disputing one of its orders and claiming another store's; the arbiter
// decides; finance runs the close-out again; a region and finance sign; HQ freezes, later seals;
// finance verifies the chain. The many stores and regions that do the same as the one shown do it
// through the API.
import { test, expect, login, shot, apiAs, cpath, field } from './helpers'
import { restartAt } from './server'

test.describe.configure({ mode: 'serial' })

async function confirmOthers(base: string, skip: string[]): Promise<void> {
  const { ctx } = await apiAs(base, 'hq')
  const status = await (await ctx.get(cpath('/status'))).json()
  for (const s of status.stores.list as { store: string; status: string }[]) {
    if (skip.includes(s.store) || s.status === 'current') continue
    const user = `store-${s.store.toLowerCase()}`
    const who = await apiAs(base, user)
    const r = await who.ctx.post(cpath(`/stores/${s.store}/confirmation`), { data: {}, headers: { 'X-CSRF-Token': who.csrf } })
    expect(r.status(), `${s.store}: ${await r.text()}`).toBe(200)
  }
}

let claimed = ''
let disputed = ''

test('04-01, review window: a store confirms, disputing one order and claiming another', async ({ page, base }) => {
  const other = await apiAs(base, 'store-hn-sz01')
  const orders = await (await other.ctx.get(cpath('/stores/HN-SZ01/orders'))).json()
  claimed = orders.orders.find((o: { counted: boolean }) => o.counted).order_id

  await login(page, base, 'store-hd-hz01')
  await page.goto(`${base}/tasks`)
  await expect(page.locator('[data-test=task]').first()).toContainText('确认本店订单')
  await page.locator('[data-test=task] button').first().click()
  await expect(page).toHaveURL(/\/stores\/HD-HZ01\/confirm/)
  await expect(page.locator('[data-test=confirmation-status]')).toHaveText('待确认')
  const first = page.locator('[data-test=order]').first()
  disputed = (await first.locator('.id').textContent())!.trim()
  await first.locator('[data-test=dispute-open]').click()
  await field(page, 'dispute-note').fill('客户电话取消')
  await page.locator('[data-test=dispute-add]').click()
  await page.locator('[data-test=claim-open]').click()
  await field(page, 'dispute-order').fill(claimed)
  await field(page, 'dispute-note').fill('本店顾问接待')
  await page.locator('[data-test=dispute-add]').click()
  await expect(page.locator('[data-test=disputes]')).toContainText(disputed)
  await expect(page.locator('[data-test=disputes]')).toContainText(claimed)
  await shot(page, 'story-store-confirm-disputes')
  await page.locator('[data-test=confirm-submit]').click()
  await expect(page.locator('[data-test=confirmation-status]')).toHaveText('已确认')
  await shot(page, 'story-store-confirmed')

  // The other stores confirm, all but two that stay silent.
  await confirmOthers(base, ['HD-HZ01', 'XB-XA01', 'XB-LZ01'])
})

test('04-06: the arbiter decides the queue with its evidence', async ({ page }) => {
  const { port } = await restartAt('2023-04-06T10:00:00+08:00')
  const base = `http://127.0.0.1:${port}`
  await login(page, base, 'arbiter')
  await page.goto(`${base}/tasks`)
  await expect(page.locator('[data-test=task]').first()).toContainText('仲裁待裁决订单')
  await page.goto(`${base}/closeout/arbitration`)
  await expect(page.locator('[data-test=arbitration] .el-table__row').first()).toBeVisible()
  await shot(page, 'story-arbiter-queue')
  const { ctx } = await apiAs(base, 'arbiter')
  const queue = (await (await ctx.get(cpath('/arbitration?open=true'))).json()) as { order_id: string; reasons: string[] }[]
  expect(queue.map((q) => q.order_id)).toEqual(expect.arrayContaining([disputed, claimed]))
  for (const q of queue) {
    const exclude = q.reasons.some((r) => r === 'dispute.not_valid' || r.startsWith('fraud.'))
    const row = page.locator('[data-test=arbitration] .el-table__row').filter({ hasText: q.order_id })
    await row.locator('[data-test=decide]').click()
    if (q.order_id === claimed) {
      await page.locator('.el-dialog .el-radio').nth(2).click()
      await page.locator('.el-dialog input[placeholder]').first().fill('HD-HZ01')
    } else if (exclude) {
      await page.locator('[data-test=decision-exclude]').click()
    }
    await field(page, 'decision-reason').fill('已核对证据')
    await page.locator('[data-test=decision-submit]').click()
    await expect(page.locator('[data-test=arbitration] .el-table__row').filter({ hasText: q.order_id })).toHaveCount(0)
  }
  await shot(page, 'story-arbiter-done')
})

test('04-06: finance runs the close-out again; stale confirmations are given again', async ({ page }) => {
  const base = `http://127.0.0.1:${(await import('./server')).readState().port}`
  await login(page, base, 'finance')
  await page.goto(`${base}/closeout/summary`)
  await expect(page.locator('[data-test=run-stale]')).toBeVisible()
  await page.locator('[data-test=run]').click()
  await expect(page.locator('[data-test=run-stale]')).toHaveCount(0, { timeout: 120_000 })
  await expect(page.locator('[data-test=definition-card]').first()).toContainText('@')
  await shot(page, 'story-finance-summary-after-run')
  await confirmOthers(base, ['XB-XA01', 'XB-LZ01'])
})

test('04-08: a region and finance sign, HQ freezes', async ({ browser }) => {
  const { port } = await restartAt('2023-04-08T09:00:00+08:00')
  const base = `http://127.0.0.1:${port}`
  const region = await browser.newPage()
  await login(region, base, 'region-east')
  await region.goto(`${base}/closeout/signoffs`)
  await region.locator('[data-test=sign]').click()
  await expect(region.locator('.el-message--success')).toBeVisible()
  await shot(region, 'story-region-signed')
  const { ctx } = await apiAs(base, 'hq')
  for (const u of (await (await ctx.get('/api/v1/users')).json()) as { name: string; role: string; scope: string }[]) {
    if (u.role !== 'region' || u.name === 'region-east') continue
    const who = await apiAs(base, u.name)
    const r = await who.ctx.post(cpath(`/regions/${encodeURIComponent(u.scope)}/signoff`), { data: {}, headers: { 'X-CSRF-Token': who.csrf } })
    expect(r.status(), `${u.name}: ${await r.text()}`).toBe(200)
  }
  const finance = await browser.newPage()
  await login(finance, base, 'finance')
  await finance.goto(`${base}/closeout/signoffs`)
  await finance.locator('[data-test=sign]').click()
  await expect(finance.locator('[data-test=signoffs]')).not.toContainText('待确认')
  await shot(finance, 'story-signoff-board-signed')

  const hq = await browser.newPage()
  await login(hq, base, 'hq')
  await hq.goto(`${base}/closeout/seal`)
  await hq.locator('[data-test=freeze]').click()
  await hq.locator('.el-message-box__btns .el-button--primary').click()
  await expect(hq.locator('[data-test=state]')).toHaveText('已冻结')
  await shot(hq, 'story-hq-frozen')
})

test('04-15: HQ seals, finance verifies the chain', async ({ browser }) => {
  const { port } = await restartAt('2023-04-15T10:00:00+08:00')
  const base = `http://127.0.0.1:${port}`
  const hq = await browser.newPage()
  await login(hq, base, 'hq')
  await hq.goto(`${base}/closeout/seal`)
  await hq.locator('[data-test=seal]').click()
  await hq.locator('.el-message-box__btns .el-button--primary').click()
  await expect(hq.locator('[data-test=state]')).toHaveText('已封版')
  const finance = await browser.newPage()
  await login(finance, base, 'finance')
  await finance.goto(`${base}/closeout/seal`)
  await finance.locator('[data-test=verify]').click()
  await expect(finance.locator('[data-test=verify-result]')).toContainText('封版链完整：校验通过')
  await shot(finance, 'story-finance-verified')
  const { ctx } = await apiAs(base, 'finance')
  expect((await (await ctx.get(cpath('/verify'))).json()).ok).toBe(true)

  // A late refund after the seal is a carry-over; a malformed amount is refused in words.
  const carry = finance.locator('[data-test=carry-overs]')
  await carry.locator('input').nth(0).fill(disputed)
  await carry.locator('input').nth(1).fill('abc')
  await carry.locator('input').nth(2).fill('迟到退款')
  await carry.getByRole('button').click()
  await expect(carry.locator('.field-error')).toBeVisible()
  await shot(finance, 'story-finance-carry-over-refused')
  await carry.locator('input').nth(1).fill('-120.00')
  await carry.getByRole('button').click()
  await expect(carry).toContainText('-¥120.00')
  await shot(finance, 'story-finance-carry-over')

  // The workbook: an export job, then its file (an XLSX is a zip: "PK").
  await finance.locator('[data-test=workbook]').click()
  const link = finance.locator('[data-test=workbook-link]')
  await expect(link).toBeVisible({ timeout: 120_000 })
  const file = await finance.request.get(base + (await link.getAttribute('href'))!)
  expect(file.status()).toBe(200)
  expect((await file.body()).subarray(0, 2).toString()).toBe('PK')
})
