// HQ adds a definition and a campaign from their TOML files on the campaigns page (a file at
// fault names its line), then pages the audit trail by the API's cursor. After the story (05): a
// new campaign would otherwise become the one the desk works on.
import { test, expect, login, shot, apiAs, field } from './helpers'

test('HQ uploads a definition file and a campaign file', async ({ page, base }) => {
  await login(page, base, 'hq')
  await page.goto(`${base}/campaigns`)
  const definitions = page.locator('[data-test=definitions] .el-table__body-wrapper .el-table__row')
  await expect(definitions.first()).toBeVisible()
  const before = await definitions.count()
  expect(before).toBeGreaterThan(0)
  const definition = 'name = "e2e-redeemed"\ntitle = "核销口径：已核销订单"\ntime_basis = "redeemed_at"\nstatuses = ["redeemed"]\n'
  await page.locator('[data-test=definition-upload] input[type=file]').setInputFiles({ name: 'e2e-redeemed.toml', mimeType: 'application/toml', buffer: Buffer.from(definition) })
  await expect(page.locator('.el-message--success')).toContainText('已添加口径 e2e-redeemed@')
  await expect(definitions).toHaveCount(before + 1)
  const added = definitions.filter({ hasText: 'e2e-redeemed@' })
  await expect(added).toContainText('核销时间')
  await expect(added).toContainText('e2e-redeemed.toml')

  // A campaign file at fault: the server's words with file and line.
  const upload = page.locator('[data-test=campaign-upload]')
  await upload.locator('input[type=file]').setInputFiles({ name: 'broken.toml', mimeType: 'application/toml', buffer: Buffer.from('id = "2024-autumn"\nname = "秋季"\nstart = "not a date"\n') })
  await expect(upload.locator('.field-error')).toContainText('broken.toml:3')
  await shot(page, 'desk-hq-campaigns-upload-refused')
  const campaign = 'id = "2024-autumn-care"\nname = "秋季关怀服务月"\ntimezone = "Asia/Shanghai"\nstart = "2024-09-01 00:00:00"\nend = "2024-09-30 23:59:59"\nsettlement_definition = "finance"\n'
  await upload.locator('input[type=file]').setInputFiles({ name: 'autumn.toml', mimeType: 'application/toml', buffer: Buffer.from(campaign) })
  await expect(page.locator('.el-message--success').last()).toContainText('已添加活动 2024-autumn-care')
  await expect(upload.locator('.field-error')).toHaveCount(0)
  const row = page.locator('.el-table__body-wrapper .el-table__row').filter({ hasText: '2024-autumn-care' })
  await expect(row).toContainText('秋季关怀服务月')
  await expect(row).toContainText('2024-09-01 00:00')
  await shot(page, 'desk-hq-campaigns-uploaded')
})

test('the audit trail pages forward and back by its cursor', async ({ page, base }) => {
  const { ctx } = await apiAs(base, 'hq')
  // Two pages at least: the suite's writes make more than 100 entries; run alone, sign-ins (each
  // audited) make up the rest.
  for (let n = 0; n < 101; n++) {
    const all = await (await ctx.get('/api/v1/audit?limit=1000')).json()
    if (all.items.length > 100) break
    await apiAs(base, 'hq')
  }
  const first = await (await ctx.get('/api/v1/audit?limit=50')).json()
  expect(first.items).toHaveLength(50)
  expect(first.next_after).not.toBeNull()
  const second = await (await ctx.get(`/api/v1/audit?limit=50&after=${first.next_after}`)).json()
  const seqs = (doc: { items: { seq: number }[] }) => doc.items.map((i) => String(i.seq))

  await login(page, base, 'hq')
  await page.goto(`${base}/admin/audit`)
  const cells = page.locator('[data-test=audit] .el-table__body-wrapper .el-table__row td:first-child')
  await expect(cells).toHaveText(seqs(first))
  await expect(page.locator('[data-test=audit-page]')).toHaveText(`第 1 页 · #${first.items[0].seq}–${first.items[49].seq}`)
  await expect(page.locator('[data-test=audit-prev]')).toBeDisabled()
  await page.locator('[data-test=audit-next]').click()
  await expect(cells).toHaveText(seqs(second))
  await expect(page.locator('[data-test=audit-page]')).toContainText('第 2 页')
  await shot(page, 'desk-hq-admin-audit-page-2')
  await page.locator('[data-test=audit-prev]').click()
  await expect(cells).toHaveText(seqs(first))
  await expect(page.locator('[data-test=audit-page]')).toContainText('第 1 页')
})

test('an API token is shown once, works as a bearer, and stops working when revoked', async ({ page, base, playwright }) => {
  await login(page, base, 'finance')
  await page.goto(`${base}/admin/tokens`)
  await field(page, 'token-label').fill('月度对账脚本')
  await page.locator('[data-test=token-create]').click()
  const shown = page.locator('[data-test=token-shown] .el-alert__description')
  await expect(shown).not.toBeEmpty()
  const secret = (await shown.textContent())!.trim()
  const row = page.locator('[data-test=tokens] .el-table__body-wrapper .el-table__row').filter({ hasText: '月度对账脚本' })
  await expect(row).toContainText('有效')
  await shot(page, 'desk-finance-admin-tokens')
  // Without the page's cookie: the token alone.
  const bare = await playwright.request.newContext({ baseURL: base })
  const me = () => bare.get('/api/v1/me', { headers: { Authorization: `Bearer ${secret}` } })
  const who = await me()
  expect(who.status()).toBe(200)
  expect((await who.json()).name).toBe('finance')
  await row.locator('[data-test=token-revoke]').click()
  await expect(row).toContainText('已吊销')
  expect((await me()).status()).toBe(401)
})
