// An offer climbing to the director: a store manager, on a phone, offers ¥2,500 to the store's
// top churned customer; the route shown before submitting is the director's; the director
// approves it in the inbox.
import { test, expect, login, shot, apiAs, field } from './helpers'

test('an offer over ¥2,000 goes to the director, who approves it', async ({ browser, base }) => {
  const { ctx } = await apiAs(base, 'store-hb-tj01')
  const score = await (await ctx.get('/api/v1/winback/score?limit=1')).json()
  const customer = score.customers[0].customer_id as string

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  await login(phone, base, 'store-hb-tj01')
  await phone.goto(`${base}/winback/customers/${customer}`)
  await expect(phone.locator('[data-test=calc]')).toBeVisible()
  const amount = field(phone, 'offer-amount')
  await amount.fill('2500')
  await amount.blur()
  // The route from the programme's thresholds: ≥ ¥1,000 the store manager reviews in person,
  // over ¥2,000 the director approves.
  await expect(phone.locator('.el-steps')).toContainText('店长当面复核')
  await expect(phone.locator('.el-steps')).toContainText('总监')
  await shot(phone, 'phone-store-offer-create')
  const submit = phone.locator('[data-test=offer-submit]')
  expect((await submit.boundingBox())!.height).toBeGreaterThanOrEqual(44)
  await submit.click()
  const created = phone.locator('[data-test=offer-created]')
  await expect(created).toContainText('¥2,500.00')
  await expect(created).toContainText('总监')
  await shot(phone, 'phone-store-offer-created')
  // The store manager's in-person review, then the director.
  await phone.goto(`${base}/winback/offers`)
  await phone.locator('[data-test=offer]').filter({ hasText: customer }).locator('[data-test=in-person]').click()
  await expect(phone.locator('.el-message--success')).toBeVisible()

  const director = await browser.newPage()
  await login(director, base, 'director')
  await director.goto(`${base}/tasks`)
  await expect(director.locator('[data-test=task]')).toContainText('待审批优惠 1 笔')
  await director.goto(`${base}/winback/offers`)
  const row = director.locator('[data-test=offers] .el-table__row').filter({ hasText: customer })
  await expect(row).toContainText('¥2,500.00')
  await shot(director, 'story-director-offers')
  await row.locator('[data-test=approve]').click()
  await expect(director.locator('.el-message--success')).toBeVisible()
  const offers = await (await ctx.get('/api/v1/winback/offers')).json()
  const offer = offers.find((o: { customer_id: string }) => o.customer_id === customer)
  expect(offer.approver).toBe('director')
  expect(offer.status).toBe('approved')
  expect(offer.approval.by).toBe('director')
  expect(offer.in_person_review.by).toBe('store-hb-tj01')
  await expect(row.locator('[data-test=offer-status]')).toHaveText('已批准')
  await shot(director, 'story-director-offer-approved')
})
