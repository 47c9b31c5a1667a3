// One's own password from the desk's header: a wrong current password is refused next to its
// field in words, two different new ones are caught before sending; a change signs the person
// out everywhere, the old password no longer opens the desk and the new one does. On a phone the
// same dialog opens from the navigation drawer. (region-north: no other test signs in as it.)
import { test, expect, login, field, shot, password } from './helpers'

const USER = 'region-north'
const NEW = 'north-Quartz-2023'

test('a person changes their own password', async ({ page, base }) => {
  await login(page, base, USER)
  await page.locator('[data-test=password]').click()
  await field(page, 'password-current').fill('not-my-password')
  await field(page, 'password-new').fill(NEW)
  await field(page, 'password-repeat').fill(NEW + 'x')
  await expect(page.getByRole('alert').filter({ hasText: '两次输入的新密码不一致' })).toBeVisible()
  await expect(page.locator('[data-test=password-submit]')).toBeDisabled()
  await field(page, 'password-repeat').fill(NEW)
  await page.locator('[data-test=password-submit]').click()
  await expect(page.getByRole('alert').filter({ hasText: /当前密码/ })).toBeVisible()
  await shot(page, 'desk-password-wrong-current')

  await field(page, 'password-current').fill(password(USER))
  await page.locator('[data-test=password-submit]').click()
  await expect(page).toHaveURL(/\/login/)

  await field(page, 'login-name').fill(USER)
  await field(page, 'login-password').fill(password(USER))
  await page.locator('[data-test=login-submit]').click()
  await expect(page.locator('[data-test=who]')).toHaveCount(0)
  await field(page, 'login-password').fill(NEW)
  await page.locator('[data-test=login-submit]').click()
  await expect(page.locator('[data-test=who]')).toContainText(USER)
})

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  test('the password dialog opens from the drawer', async ({ page, base }) => {
    await login(page, base, 'store-hd-hz01')
    await expect(page.locator('[data-test=password]')).toBeHidden()
    await page.locator('.menu-button').click()
    await page.locator('[data-test=drawer-password]').click()
    await expect(field(page, 'password-current')).toBeVisible()
    await shot(page, 'phone-password-dialog')
  })
})
