// The first screen after login loads at most 300 KB of compressed script (web.md, Quality):
// every script the browser fetched from the login page to "my tasks", counted as sent (gzip).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect, login } from './helpers'
import { out } from './server'

test('the first screen after login is at most 300 KB of gzipped script', async ({ page, base }) => {
  const scripts: { url: string; encoding: string; bytes: number }[] = []
  page.on('requestfinished', async (request) => {
    const response = await request.response()
    if (!response || !request.url().endsWith('.js')) return
    const sizes = await request.sizes()
    scripts.push({ url: request.url(), encoding: (await response.allHeaders())['content-encoding'] ?? '', bytes: sizes.responseBodySize })
  })
  await login(page, base, 'hq')
  await expect(page.locator('.page-title')).toHaveText('我的待办')
  await page.waitForLoadState('networkidle')
  expect(scripts.length).toBeGreaterThan(3)
  for (const s of scripts) expect(s.encoding, s.url).toBe('gzip')
  const total = scripts.reduce((n, s) => n + s.bytes, 0)
  writeFileSync(join(out, 'first-screen.txt'), `${(total / 1024).toFixed(1)} KB gzipped script in ${scripts.length} files\n${scripts.map((s) => `${s.bytes}\t${s.url.replace(base, '')}`).join('\n')}\n`)
  expect(total).toBeLessThanOrEqual(300 * 1024)
})
