// The programme page against GET /winback/programme as the API answers it (docs/winback.md
// "JSON fields": normalised is the programme's compact JSON as a string): the approval levels in
// yuan, every setting as section.key = value, and the upload only for whoever may write it.
import { describe, expect, it, vi, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ProgrammePage from '../src/pages/winback/ProgrammePage.vue'
import { useSession } from '../src/stores/session'
import { i18n } from '../src/i18n'
import type { Me } from '../src/api/types'

const normalised = JSON.stringify({
  approval: { director_above_yuan: 2000, region_from_yuan: 1000, review_from_yuan: 1000, store_manager_from_yuan: 500 },
  budget: { monthly_yuan: 60000, monthly_target: null },
  lifetime_years: 5,
  plan: { release_shares: [0.4, 0.3, 0.3] },
  timezone: 'Asia/Shanghai',
})
const doc = { id: 'spring', name: '春季召回方案', version: '0283b3', tag: 'spring@0283b3', file: 'spring.toml', normalised }

function signIn(permissions: string[]) {
  setActivePinia(createPinia())
  useSession().me = { name: 'x', role: 'hq', scope: '', permissions, via: 'session', csrf_token: 'c', expires_at: '', idle_expires_at: '' } as Me
}
afterEach(() => vi.unstubAllGlobals())

describe('the programme page', () => {
  it('shows the approval levels in yuan and every setting of the normalised JSON', async () => {
    signIn(['winback:reports:read', 'winback:programme:write'])
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(doc), { headers: { 'content-type': 'application/json' } })))
    const w = mount(ProgrammePage, { global: { plugins: [i18n] } })
    await flushPromises()
    expect(w.find('[data-test=programme]').text()).toContain('spring@0283b3')
    expect(w.find('[data-test=programme]').text()).toContain('¥60,000.00')
    const approval = w.find('[data-test=programme-approval]').text()
    for (const words of ['低于 ¥500.00', '¥500.00 至 ¥1,000.00（不含）', '¥1,000.00 至 ¥2,000.00', '高于 ¥2,000.00', '¥1,000.00 起']) expect(approval).toContain(words)
    const rows = w.findAll('[data-test=programme-settings] .el-table__body-wrapper .el-table__row').map((r) => r.findAll('td').map((d) => d.text()))
    expect(rows).toEqual([
      ['approval.director_above_yuan', '2000'], ['approval.region_from_yuan', '1000'], ['approval.review_from_yuan', '1000'],
      ['approval.store_manager_from_yuan', '500'], ['budget.monthly_yuan', '60000'], ['budget.monthly_target', '—'],
      ['lifetime_years', '5'], ['plan.release_shares', '[0.4,0.3,0.3]'], ['timezone', 'Asia/Shanghai'],
    ])
    expect(w.find('[data-test=programme-upload]').exists()).toBe(true)
  })
  it('offers no upload to a reader', async () => {
    signIn(['winback:reports:read'])
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(doc), { headers: { 'content-type': 'application/json' } })))
    const w = mount(ProgrammePage, { global: { plugins: [i18n] } })
    await flushPromises()
    expect(w.find('[data-test=programme-upload]').exists()).toBe(false)
  })
})
