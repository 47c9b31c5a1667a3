// An import through the desk: a price list with one bad row, dropped on the page (the same input
// as drag-and-drop), its progress from the job's events, then the row error as a table: the
// file's line, the column and what was expected. Runs last: it changes the workspace's inputs.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect, login, shot } from './helpers'
import { root } from './server'

test('an upload shows its progress and its row errors', async ({ page, base }) => {
  const good = readFileSync(join(root, 'examples', 'price-list.csv'), 'utf8').trimEnd()
  const lines = good.split('\n').length
  const csv = `${good}\nPKG-BAD,坏行套餐,not-a-price,6%\n`
  await login(page, base, 'hq')
  await page.goto(`${base}/imports`)
  await page.locator('[data-test=import-kind] .el-select').click()
  await page.locator('.el-select-dropdown__item').filter({ hasText: /^price-list$/ }).click()
  await page.locator('[data-test=drop] input[type=file]').setInputFiles({ name: 'price-list-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await expect(page.locator('.el-progress.is-success')).toBeVisible()
  const errors = page.locator('[data-test=row-errors] .el-table__row')
  await expect(errors).toHaveCount(1)
  await expect(errors.first()).toContainText(`:${lines + 1}`)
  await expect(errors.first()).toContainText('list_price')
  await shot(page, 'desk-hq-imports-row-errors')
})
