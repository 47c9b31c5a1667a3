// Every page each role's navigation offers, at 1366×768 (zh-CN, and English for HQ), and the
// phone pages at 390×844: each opens without an error and is kept as a screenshot.
import { test, expect, login, shot } from './helpers'

const roles: Record<string, string[]> = {
  hq: ['/tasks', '/campaigns', '/imports', '/closeout/summary', '/closeout/bridge', '/closeout/settlement', '/closeout/findings', '/closeout/arbitration', '/closeout/signoffs', '/closeout/seal', '/closeout/retro', '/supervision/board', '/supervision/problems', '/supervision/sample', '/supervision/phases', '/supervision/review', '/winback/queue', '/winback/customers/C00086679', '/winback/offers', '/winback/budget', '/winback/reports', '/winback/log', '/winback/programme', '/admin/users', '/admin/audit', '/admin/push', '/admin/tokens'],
  finance: ['/tasks', '/closeout/summary', '/closeout/signoffs', '/closeout/seal'],
  arbiter: ['/tasks', '/closeout/arbitration'],
  'region-east': ['/tasks', '/closeout/signoffs', '/supervision/board'],
  'store-hd-hz01': ['/tasks', '/stores/HD-HZ01/confirm', '/closeout/settlement', '/supervision/problems'],
  director: ['/tasks', '/winback/offers', '/winback/budget', '/winback/reports'],
  service: ['/tasks', '/winback/queue', '/winback/offers'],
}

for (const [user, pages] of Object.entries(roles)) {
  test(`${user}: every page of the navigation opens`, async ({ page, base }) => {
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    await login(page, base, user)
    for (const path of pages) {
      await page.goto(base + path)
      await expect(page.locator('.page-title, [data-test=not-found]').first()).toBeVisible()
      await expect(page.locator('[data-test=not-found]')).toHaveCount(0)
      await shot(page, `desk-${user}${path.replaceAll('/', '-')}`)
    }
    expect(errors).toEqual([])
  })
}

test('the login page, and HQ in English', async ({ page, base }) => {
  await page.goto(base + '/login')
  await expect(page.getByRole('heading')).toHaveText('Pitwall 售后活动运营台')
  await shot(page, 'desk-login')
  await login(page, base, 'hq')
  await page.locator('[data-test=lang]').click()
  await expect(page.locator('.page-title')).toHaveText('My tasks')
  for (const path of ['/tasks', '/closeout/summary', '/closeout/bridge', '/closeout/settlement', '/closeout/arbitration', '/supervision/board', '/supervision/phases', '/winback/budget', '/winback/reports']) {
    await page.goto(base + path)
    await expect(page.locator('.page-title').first()).toBeVisible()
    await shot(page, `desk-en-hq${path.replaceAll('/', '-')}`)
  }
  await page.locator('[data-test=lang]').click()
  await expect(page.locator('[data-test=lang]')).toHaveText('English')
})

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  test('a store manager on a phone: tasks, confirmation, board entry, problems', async ({ page, base }) => {
    await login(page, base, 'store-hd-hz01')
    for (const path of ['/tasks', '/stores/HD-HZ01/confirm', '/supervision/board', '/supervision/problems']) {
      await page.goto(base + path)
      await expect(page.locator('.page-title').first()).toBeVisible()
      await shot(page, `phone-store${path.replaceAll('/', '-')}`)
    }
    // Touch-sized: the confirmation's buttons are at least 44 px high.
    await page.goto(base + '/stores/HD-HZ01/confirm')
    for (const b of [page.locator('[data-test=confirm-submit]'), page.locator('[data-test=dispute-open]').first()]) {
      const box = await b.boundingBox()
      expect(box!.height).toBeGreaterThanOrEqual(44)
    }
    // The page fits the phone: nothing wider than the screen.
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBeLessThanOrEqual(390)
  })
})

test("the campaign's lifecycle dates and closing messages, with a recipient list to download", async ({ page, base }) => {
  await login(page, base, 'hq')
  await page.goto(`${base}/campaigns`)
  await expect(page.locator('[data-test=lifecycle]')).toContainText('2023-04-01 12:00')
  const plan = page.locator('[data-test=closing-plan] .el-table__row')
  await expect(plan).toHaveCount(4)
  await expect(plan.first()).toContainText('门店结案通知')
  const href = await plan.first().locator('a').getAttribute('href')
  const csv = await page.request.get(base + href!)
  expect(csv.status()).toBe(200)
  expect((await csv.text()).split('\n').filter(Boolean).length).toBeGreaterThan(1)
  await shot(page, 'desk-hq-campaigns-closing-plan')
})
