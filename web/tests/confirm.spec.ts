// The store confirmation page against answers shaped as the API's (docs/api/openapi.json).
import { describe, expect, it, vi, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createRouter, createMemoryHistory } from 'vue-router'
import ConfirmPage from '../src/pages/closeout/ConfirmPage.vue'
import { useSession } from '../src/stores/session'
import { i18n } from '../src/i18n'

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' } })

const orders = {
  campaign: 'c1', store: 'HD-HZ01', name: '杭州西湖服务中心', region: '华东战区', definition: 'finance@4ef54d/cleaned',
  confirmation: { kind: 'store', scope: 'HD-HZ01', status: 'pending', who: null, role: null, at: null, definition: null, digest: null, current_digest: 'x', deemed: false },
  totals: { orders: 2, amount_fen: 216239150, received_fen: 216239150 },
  orders: [
    { order_id: 'SO1', customer_id: 'C1', status: 'paid', paid_at: '2023-03-02T16:16:00+08:00', counted: true, reason: '', amount_fen: 882000, paid_fen: 882000 },
    { order_id: 'SO2', customer_id: 'C2', status: 'paid', paid_at: '2023-02-22T14:25:48+08:00', counted: false, reason: 'outside_window', amount_fen: 0, paid_fen: 29900 },
  ],
  disputes_filed: [],
  run: { run: 1, created_at: '', by: 'hq', result_digest: '', current: true, sealed: false, latest: 1 },
}

async function mountAt(path: string) {
  setActivePinia(createPinia())
  useSession().campaign = 'c1'
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/stores/:store/confirm', component: ConfirmPage }, { path: '/tasks', component: ConfirmPage }] })
  await router.push(path)
  const w = mount(ConfirmPage, { global: { plugins: [i18n, router] } })
  await flushPromises()
  return w
}

afterEach(() => vi.unstubAllGlobals())

describe('the store confirmation page', () => {
  it("shows the store's totals in yuan, its definition and only counted orders by default", async () => {
    const fetchMock = vi.fn(async () => json(orders))
    vi.stubGlobal('fetch', fetchMock)
    const w = await mountAt('/stores/HD-HZ01/confirm')
    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/campaigns/c1/stores/HD-HZ01/orders')
    expect(w.text()).toContain('¥2,162,391.50')
    expect(w.text()).toContain('finance@4ef54d/cleaned')
    expect(w.findAll('[data-test=order]').map((o) => o.find('.id').text())).toEqual(['SO1'])
    expect(w.text()).toContain('¥8,820.00')
    expect(w.text()).toContain('2023-03-02 16:16')
  })
  it("answers another store's address with not found, as the API does", async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ type: 'not_found', title: '未找到', status: 404, detail: '没有门店 HB-BJ01' }, 404)))
    const w = await mountAt('/stores/HB-BJ01/confirm')
    expect(w.find('[data-test=not-found]').exists()).toBe(true)
    expect(w.findAll('[data-test=order]')).toHaveLength(0)
  })
})
