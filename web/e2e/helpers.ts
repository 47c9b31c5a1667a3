import { test as base, expect, type Page, type APIRequestContext, request } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { out, readState, passwords, CAMPAIGN } from './server'

export const shots = join(out, 'screenshots')
mkdirSync(shots, { recursive: true })

export const test = base.extend<{ base: string }>({
  base: async ({}, use) => use(`http://127.0.0.1:${readState().port}`),
  page: async ({ page }, use) => {
    // Nothing leaves this machine's loopback.
    await page.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (r) => r.abort())
    await use(page)
  },
})
export { expect }

export function password(user: string): string {
  return passwords(readState().dir)[user]
}

/** The text box of an Element Plus input marked data-test=NAME (the mark lands on the box itself). */
export function field(page: Page, name: string) {
  const n = `[data-test=${name}]`
  return page.locator(`input${n}, textarea${n}, ${n} input, ${n} textarea`).first()
}

/** Signs `user` in through the login page. */
export async function login(page: Page, base: string, user: string): Promise<void> {
  await page.context().clearCookies()
  await page.goto(`${base}/login`)
  await field(page, 'login-name').fill(user)
  await field(page, 'login-password').fill(password(user))
  await page.locator('[data-test=login-submit]').click()
  await expect(page.locator('[data-test=who]')).toContainText(user)
}

/** A full-page screenshot, kept as an artefact (build/web-e2e/screenshots/NAME.png). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle')
  // ECharts draws its lines in over a second (cubic easing): a picture taken sooner shows a line
  // that stops short of the month's end.
  const charts = await page.locator('.echarts, [_echarts_instance_]').count()
  await page.waitForTimeout(charts > 0 ? 1200 : 300)
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false })
}

/** The API as `user` (for the many stores that do the same thing the UI test did once). */
export async function apiAs(base: string, user: string): Promise<{ ctx: APIRequestContext; csrf: string }> {
  const ctx = await request.newContext({ baseURL: base })
  const r = await ctx.post('/api/v1/login', { data: { name: user, password: password(user) } })
  expect(r.status(), await r.text()).toBe(200)
  return { ctx, csrf: (await r.json()).csrf_token }
}

export const C = CAMPAIGN
export const cpath = (rest: string) => `/api/v1/campaigns/${C}${rest}`
