// The rest of the win-back desk, after 04's offer (the store's top customer, ¥2,500, approved by
// the director): the store manager releases its first stage and records it won back on a phone;
// the director lifts the month's limits; HQ reads the decision log and the four reports, and
// puts a new programme file in force (a file at fault is refused with its line and key). Before
// 05, which seals the campaign (win-back is not campaign data, but the order keeps the story).
import { test, expect, login, shot, apiAs, field } from './helpers'

async function offerOf(base: string) {
  const { ctx } = await apiAs(base, 'store-hb-tj01')
  const offers = await (await ctx.get('/api/v1/winback/offers?status=approved')).json()
  expect(offers.length).toBeGreaterThan(0)
  return offers[0] as { id: string; customer_id: string; stages: { stage: string; amount_fen: number }[] }
}

test('a store manager releases the first stage and records the customer won back', async ({ browser, base }) => {
  const offer = await offerOf(base)
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  await login(phone, base, 'store-hb-tj01')
  await phone.goto(`${base}/winback/offers`)
  await phone.locator('[data-test=offer-filter]').getByText('已批准').click()
  const row = phone.locator('[data-test=offer]').filter({ hasText: offer.id })
  // ¥2,500 in three stages, 40/30/30 (winback.md "Splits"): ¥1,000 / ¥750 / ¥750.
  await expect(row.locator('[data-test=offer-stage]')).toHaveText(['回店 ¥1,000.00', '二次到店 ¥750.00', '忠诚 ¥750.00'])
  await row.locator('[data-test=release]').click()
  await expect(phone.locator('.el-message--success')).toContainText('已发放：回店')
  await expect(row.locator('[data-test=offer-stage]').first()).toContainText('✓')
  await row.locator('[data-test=won-back]').click()
  await expect(row.locator('[data-test=offer-won]')).toHaveText('已召回')
  await shot(phone, 'phone-store-offer-released')
  const width = await phone.evaluate(() => document.documentElement.scrollWidth)
  expect(width).toBeLessThanOrEqual(390)
})

test("the director lifts the month's limits with a reason, once", async ({ page, base }) => {
  await login(page, base, 'director')
  await page.goto(`${base}/winback/budget`)
  const panel = page.locator('[data-test=override]')
  await expect(panel.locator('[data-test=paused]')).toHaveText('审批正常')
  await field(page, 'override-reason').fill('清明节前集中召回')
  await panel.locator('[data-test=override-submit]').click()
  await expect(page.locator('.el-message--success')).toContainText('已放行 2023-04')
  await expect(panel.locator('[data-test=overridden]')).toHaveText('总监已放行本月')
  await expect(panel.locator('[data-test=override-submit]')).toHaveCount(0)
  await shot(page, 'desk-director-budget-override')
  // A second override of the month is the server's conflict, in words.
  const { ctx, csrf } = await apiAs(base, 'director')
  const again = await ctx.post('/api/v1/winback/overrides', { data: { month: '2023-04', reason: 'x' }, headers: { 'X-CSRF-Token': csrf } })
  expect(again.status()).toBe(409)
})

test('HQ reads the decision log and the four reports', async ({ page, base }) => {
  const offer = await offerOf(base)
  await login(page, base, 'hq')
  await page.goto(`${base}/winback/log`)
  const entries = page.locator('[data-test=decisions] .el-table__body-wrapper .el-table__row').filter({ hasText: offer.id })
  // 04 and this file: create, review, approve, release, outcome.
  for (const action of ['创建', '当面复核', '批准', '发放', '结果']) await expect(entries.filter({ hasText: action }).first()).toBeVisible()
  await expect(page.locator('[data-test=decisions]')).toContainText('放行')
  await shot(page, 'desk-hq-winback-log')

  await page.goto(`${base}/winback/reports`)
  const monthly = page.locator('[data-test=monthly]')
  await expect(monthly).toContainText('2023-04 召回人数 / 目标')
  // Released this month: stage 1 of the ¥2,500 offer, ¥1,000.00.
  await expect(monthly.locator('.card').nth(1)).toContainText('¥1,000.00')
  await shot(page, 'desk-hq-winback-reports-monthly')
  await page.getByRole('tab', { name: '季度审计' }).click()
  await expect(page.locator('[data-test=audit-checks] .el-table__body-wrapper .el-table__row')).toHaveCount(6)
  await expect(page).toHaveURL(/tab=audit/)
  await shot(page, 'desk-hq-winback-reports-audit')
  await page.getByRole('tab', { name: '按流失时长分组' }).click()
  await expect(page.locator('[data-test=cohort-table] .el-table__body-wrapper .el-table__row')).toHaveCount(4)
  await expect(page.locator('[data-test=cohort-table]')).toContainText('3 个月以内')
  await shot(page, 'desk-hq-winback-reports-cohorts')
  await page.getByRole('tab', { name: '激励方案对照实验' }).click()
  await expect(page.locator('[data-test=experiments]')).toContainText('95%')
  await shot(page, 'desk-hq-winback-reports-experiments')
  await page.locator('[data-test=lang]').click()
  await page.goto(`${base}/winback/reports?tab=monthly`)
  await expect(page.locator('[data-test=monthly]')).toContainText('won back / target')
  await shot(page, 'desk-en-hq-winback-reports-monthly')
  await page.locator('[data-test=lang]').click()
})

test('HQ puts a programme file in force; a file at fault names its line and key', async ({ page, base }) => {
  await login(page, base, 'hq')
  await page.goto(`${base}/winback/programme`)
  await expect(page.locator('[data-test=programme]')).toContainText('default@de6b92')
  const input = page.locator('[data-test=programme-upload] input[type=file]')
  await input.setInputFiles({ name: 'bad.toml', mimeType: 'application/toml', buffer: Buffer.from('id = "spring"\n[tiers]\nstar_cap = 1\n') })
  const error = page.locator('[data-test=programme-upload] .field-error')
  await expect(error).toContainText('star_cap')
  await expect(error).toContainText('bad.toml:3')
  await shot(page, 'desk-hq-winback-programme-refused')
  const good = 'id = "spring-2023"\nname = "春季召回方案"\n\n[budget]\nmonthly_yuan = 60000\nmonthly_target = 60\n'
  await input.setInputFiles({ name: 'spring-2023.toml', mimeType: 'application/toml', buffer: Buffer.from(good) })
  await expect(page.locator('.el-message--success')).toContainText('spring-2023@')
  await expect(page.locator('[data-test=programme]')).toContainText('春季召回方案')
  await expect(page.locator('[data-test=programme]')).toContainText('¥60,000.00')
  await expect(page.locator('[data-test=programme-approval]')).toContainText('高于 ¥2,000.00')
  await shot(page, 'desk-hq-winback-programme')
  await page.goto(`${base}/winback/budget`)
  await expect(page.locator('.cards .card').first()).toContainText('¥60,000.00')
})

test('the queue filtered by tier, band and store, each customer at its rank in the whole queue', async ({ page, base }) => {
  const { ctx } = await apiAs(base, 'hq')
  const stars = await (await ctx.get('/api/v1/winback/score?tier=star&limit=50')).json()
  expect(stars.customers.length).toBeGreaterThan(0)
  expect(stars.customers.every((c: { tier: string }) => c.tier === 'star')).toBe(true)
  const all = await (await ctx.get('/api/v1/winback/score?limit=200')).json()
  const rankOf = new Map(all.customers.map((c: { customer_id: string; rank: number }) => [c.customer_id, c.rank]))
  for (const c of stars.customers.filter((c: { rank: number }) => c.rank <= 200)) expect(rankOf.get(c.customer_id)).toBe(c.rank)
  const bad = await ctx.get('/api/v1/winback/score?band=high')
  expect(bad.status()).toBe(400)

  await login(page, base, 'hq')
  await page.goto(`${base}/winback/queue`)
  const rows = page.locator('[data-test=queue] .el-table__body-wrapper .el-table__row')
  await expect(rows.first()).toBeVisible()
  await page.locator('[data-test=filter-tier]').click()
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: '明星客户' }).click()
  await expect(rows.first().locator('td').first()).toHaveText(String(stars.customers[0].rank))
  await expect(rows).toHaveCount(Math.min(50, stars.customers.length))
  await expect(page.locator('[data-test=queue]')).not.toContainText('潜力客户')
  await field(page, 'filter-store').fill('HB-TJ01')
  await field(page, 'filter-store').press('Enter')
  const tj = await (await ctx.get('/api/v1/winback/score?tier=star&store=HB-TJ01&limit=50')).json()
  await expect(rows).toHaveCount(tj.customers.length)
  for (const c of tj.customers) expect(c.store_code).toBe('HB-TJ01')
  await page.locator('.page-title').scrollIntoViewIfNeeded()
  await shot(page, 'desk-hq-winback-queue-filtered')
})
