// A store manager sees only their own store: another store's address is "not found", exactly as
// a store that does not exist (the API answers 404 for both).
import { test, expect, login, shot } from './helpers'

test("a store manager opening another store's confirmation sees not found", async ({ page, base }) => {
  await login(page, base, 'store-hd-hz01')
  await page.goto(`${base}/stores/HB-BJ01/confirm`)
  await expect(page.locator('[data-test=not-found]')).toBeVisible()
  await expect(page.locator('[data-test=not-found]')).toContainText('未找到')
  await expect(page.locator('[data-test=order]')).toHaveCount(0)
  await shot(page, 'desk-store-other-store-not-found')
  await page.goto(`${base}/stores/NO-SUCH/confirm`)
  await expect(page.locator('[data-test=not-found]')).toBeVisible()
  // Its own store opens, with its orders.
  await page.goto(`${base}/stores/HD-HZ01/confirm`)
  await expect(page.locator('[data-test=order]').first()).toBeVisible()
  // Pages of other roles are not in its navigation and do not open.
  await expect(page.locator('.side')).not.toContainText('仲裁')
  await page.goto(`${base}/closeout/arbitration`)
  await expect(page.locator('[data-test=not-found]')).toBeVisible()
})
