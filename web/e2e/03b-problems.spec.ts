// A problem opened by hand on the problems board: a region manager picks one of its stores, is
// told in words what is missing, then sees the new problem in the open column with its SLA
// clock; a store manager (who updates problems but does not open them) has no such button.
import { test, expect, login, field, shot } from './helpers'

test('a region manager opens a problem by hand', async ({ page, base }) => {
  await login(page, base, 'region-east')
  await page.goto(`${base}/supervision/problems`)
  const open = page.locator('[data-test=column-open] [data-test=problem]')
  const before = await open.count()
  await page.locator('[data-test=new-problem]').click()
  await page.locator('[data-test=np-submit]').click()
  await expect(page.locator('.el-dialog [role=alert]').first()).toContainText(/门店/)
  await page.locator('[data-test=np-store]').click()
  await page.locator('.el-select-dropdown__item').filter({ hasText: /^HD-/ }).first().click()
  await field(page, 'np-title').fill('门店海报未张贴')
  await field(page, 'np-owner').fill('张店长')
  await field(page, 'np-note').fill('巡店发现，手工登记')
  await shot(page, 'desk-region-east-new-problem')
  await page.locator('[data-test=np-submit]').click()
  await expect(open).toHaveCount(before + 1)
  await expect(open.filter({ hasText: '门店海报未张贴' })).toContainText('张店长')
  await expect(open.filter({ hasText: '门店海报未张贴' })).toContainText('SLA')
})

test('a store manager has no button to open one', async ({ page, base }) => {
  await login(page, base, 'store-hd-hz01')
  await page.goto(`${base}/supervision/problems`)
  await expect(page.locator('.page-title')).toBeVisible()
  await expect(page.locator('[data-test=new-problem]')).toHaveCount(0)
})
