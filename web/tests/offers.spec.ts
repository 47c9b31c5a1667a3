// The offers page's stage release and outcome against answers shaped as the API's (docs/winback.md
// "JSON fields"): who handles offers sees the next stage to release and the outcome buttons, in
// order; a region manager (who approves, never handles) sees neither.
import { describe, expect, it, vi, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import OffersPage from '../src/pages/winback/OffersPage.vue'
import { useSession } from '../src/stores/session'
import { i18n } from '../src/i18n'
import type { Me, Offer } from '../src/api/types'

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' } })

const signed = { by: 'store-st1', role: 'store', at: '2023-04-01T10:00:00+08:00' }
// ¥2,500.00 split 40/30/30 into 1,000 / 750 / 750; the first stage released.
const approved: Offer = {
  id: 'WB-000001', customer_id: 'C1', store_code: 'ST1', region: 'R1', status: 'approved', amount_fen: 250000,
  tier: 'star', band: 'high_priority', score: 0.8, approver: 'director', review_reasons: ['high_value'],
  created: signed, approval: { ...signed, by: 'director', role: 'director' }, in_person_review: signed, rejection: null,
  stages: [
    { stage: 'return', amount_fen: 100000, released: signed },
    { stage: 'second_visit', amount_fen: 75000, released: null },
    { stage: 'loyal', amount_fen: 75000, released: null },
  ],
  won_back: null, retained: null, won_back_by: null, retained_by: null,
}
const wonBack: Offer = { ...approved, id: 'WB-000002', customer_id: 'C2', won_back: true, won_back_by: signed }

function signIn(role: 'store' | 'region', permissions: string[]) {
  setActivePinia(createPinia())
  const s = useSession()
  s.me = { name: `${role}-x`, role, scope: role === 'store' ? 'ST1' : 'R1', permissions, via: 'session', csrf_token: 'c', expires_at: '', idle_expires_at: '' } as Me
}

afterEach(() => vi.unstubAllGlobals())

describe('the offers page', () => {
  it('lets the store release the next stage and record the outcome, in order', async () => {
    signIn('store', ['winback:offers:create', 'winback:offers:approve', 'winback:offers:handle'])
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => (init?.method === 'POST' ? json(approved) : json([approved, wonBack])))
    vi.stubGlobal('fetch', fetchMock)
    const w = mount(OffersPage, { global: { plugins: [i18n] } })
    await flushPromises()
    const rows = w.findAll('.el-table__body-wrapper .el-table__row')
    expect(rows).toHaveLength(2)
    expect(w.text()).toContain('¥2,500.00')
    expect(w.text()).toContain('¥1,000.00')
    // Stage 1 released: the next is stage 2 ("second_visit"); no outcome yet, so both outcome
    // buttons; the won-back offer asks for retention instead.
    const release = w.findAll('[data-test=release]')
    expect(release.map((b) => b.text())).toEqual(['发放第 2 阶段', '发放第 2 阶段'])
    expect(w.findAll('[data-test=won-back]')).toHaveLength(1)
    expect(w.findAll('[data-test=retained]')).toHaveLength(1)
    await release[0].trigger('click')
    await flushPromises()
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')!
    expect(post[0]).toBe('/api/v1/winback/offers/WB-000001/release')
    expect(JSON.parse(String(post[1]!.body))).toEqual({ stage: 'second_visit' })
    await w.find('[data-test=retained]').trigger('click')
    await flushPromises()
    const outcome = fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')[1]
    expect(outcome[0]).toBe('/api/v1/winback/offers/WB-000002/outcome')
    expect(JSON.parse(String(outcome[1]!.body))).toEqual({ retained: true })
  })
  it("shows a region manager the stages but no release or outcome: handling is the store's", async () => {
    signIn('region', ['winback:offers:approve'])
    vi.stubGlobal('fetch', vi.fn(async () => json([approved])))
    const w = mount(OffersPage, { global: { plugins: [i18n] } })
    await flushPromises()
    expect(w.findAll('[data-test=offer-stage]').map((s) => s.text())).toEqual(['回店 ¥1,000.00 ✓', '二次到店 ¥750.00', '忠诚 ¥750.00'])
    expect(w.findAll('[data-test=release]')).toHaveLength(0)
    expect(w.findAll('[data-test=won-back]')).toHaveLength(0)
  })
  it("shows the server's refusal in words", async () => {
    signIn('store', ['winback:offers:handle'])
    vi.stubGlobal('fetch', vi.fn(async (_: string, init?: RequestInit) =>
      init?.method === 'POST' ? json({ type: 'state_forbids', title: '状态不允许', status: 409, detail: '第 2 阶段需要审批后 2 次到店' }, 409) : json([approved])))
    const w = mount(OffersPage, { global: { plugins: [i18n] } })
    await flushPromises()
    await w.find('[data-test=release]').trigger('click')
    await flushPromises()
    expect(w.find('.field-error').text()).toContain('第 2 阶段需要审批后 2 次到店')
  })
})
