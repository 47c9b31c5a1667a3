// Best practices and execution decay: HQ records what one store found, spreads it to two more
// stores and reads the comparison in percentage points; a region manager reads its region's
// practices without the buttons (HQ alone records them); the survey's decay names the level where
// knowledge and willingness fall most.
import { test, expect, login, field, shot } from './helpers'

test('HQ records a best practice and spreads it', async ({ page, base }) => {
  await login(page, base, 'hq')
  await page.goto(`${base}/supervision/practices`)
  await expect(page.locator('[data-test=decay] .el-table__row')).toHaveCount(4)
  const rows = page.locator('[data-test=practices] .el-table__row')
  const before = await rows.count()

  await page.locator('[data-test=new-practice]').click()
  await page.locator('[data-test=bp-submit]').click()
  await expect(page.locator('.el-dialog [role=alert]').first()).toBeVisible()
  await page.locator('[data-test=bp-store]').click()
  await page.locator('.el-select-dropdown__item').filter({ hasText: /^HN-/ }).first().click()
  await field(page, 'bp-title').fill('到店客户当场加企业微信')
  await field(page, 'bp-text').fill('接待时当场添加企业微信并发送活动说明，次日回访')
  await page.locator('[data-test=bp-submit]').click()
  await expect(rows).toHaveCount(before + 1)
  const made = rows.filter({ hasText: '到店客户当场加企业微信' })

  await made.locator('[data-test=adopt]').click()
  for (const prefix of [/^HD-/, /^HB-/]) {
    await page.locator('[data-test=bp-adopters]').click()
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: prefix }).first().click()
  }
  await page.locator('.el-dialog__title').filter({ hasText: '推广' }).click()
  await page.locator('[data-test=bp-adopt-submit]').click()
  await expect(made).toContainText('2')
  await expect(made.locator('[data-test=lift]')).toBeVisible()
  await shot(page, 'desk-hq-practices')

  await login(page, base, 'region-south')
  await page.goto(`${base}/supervision/practices`)
  await expect(page.locator('[data-test=practices] .el-table__row').filter({ hasText: '到店客户当场加企业微信' })).toBeVisible()
  await expect(page.locator('[data-test=new-practice]')).toHaveCount(0)
  await expect(page.locator('[data-test=adopt]')).toHaveCount(0)
  await shot(page, 'desk-region-south-practices')
})

test('HQ reads where execution decays most', async ({ page, base }) => {
  await login(page, base, 'hq')
  await page.goto(`${base}/supervision/practices`)
  await expect(page.locator('[data-test=decay] .el-table__row')).toHaveCount(4)
  await expect(page.locator('[data-test=weakest]')).toContainText('衰减最大的一层')
  await shot(page, 'desk-hq-practices-decay')
})
