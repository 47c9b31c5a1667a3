// The win-back reports against answers shaped as the API's (docs/winback.md "JSON fields"):
// money from fen, rates as percentages, the month bands of the cohorts in words, the audit's
// standards each on its side of the threshold.
import { describe, expect, it, vi, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import MonthlyReport from '../src/pages/winback/reports/MonthlyReport.vue'
import CohortsReport from '../src/pages/winback/reports/CohortsReport.vue'
import AuditReport from '../src/pages/winback/reports/AuditReport.vue'
import { i18n } from '../src/i18n'

// No canvas here: the chart is drawn by the browser tests; these read the tables.
vi.mock('vue-echarts', () => ({ default: { name: 'VChart', render: () => null } }))

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
const alert = (alert: string, active: boolean) => ({ alert, active, value: null, threshold: 0.5 })
const monthly = {
  programme: 'default@de6b92', month: '2023-04', target: 51, won_back: 17, completion: 0.3333,
  explicit_cost_fen: 1234500, average_cost_fen: 72618, hidden_cost_fen: 600000, true_cost_fen: 1834500,
  retention_used: 0.7, retention_basis: 'model', estimated_roi: 1.5625,
  tiers: [{ tier: 'star', offers: 3, won_back: 2, spent_fen: 500000, average_cost_fen: 250000 }],
  budget: { month: '2023-04', budget_fen: 4080000, spent_fen: 0, committed_fen: 0, remaining_fen: 0, usage: 0.9, days_in_month: 30, days_gone: 1, forecast_fen: 0,
    alerts: [alert('cost_overrun', true), alert('low_efficiency', false)], large_approvals_paused: true, overridden: false },
}
function mounted(component: unknown, stubs: Record<string, boolean> = {}) {
  setActivePinia(createPinia())
  return mount(component as any, { global: { plugins: [i18n], stubs } })
}
afterEach(() => vi.unstubAllGlobals())

describe('the monthly report', () => {
  it('shows target against won back, the costs in yuan, the ROI as a percentage and the active alerts with their action', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(monthly)))
    const w = mounted(MonthlyReport)
    await flushPromises()
    const text = w.text()
    expect(text).toContain('17 / 51')
    expect(text).toContain('33.33%')
    expect(text).toContain('¥12,345.00') // explicit 1,234,500 fen
    expect(text).toContain('¥726.18') // average 72,618 fen
    expect(text).toContain('¥18,345.00') // true cost
    expect(w.find('[data-test=monthly-roi]').text()).toBe('156.25%')
    expect(text).toContain('70.00%')
    expect(text).toContain('成本超支')
    expect(text).toContain('暂停 1000 元及以上的审批')
    expect(text).not.toContain('效率过低') // not active
  })
  it('asks for another month with ?month=', async () => {
    const fetchMock = vi.fn(async () => json(monthly))
    vi.stubGlobal('fetch', fetchMock)
    const w = mounted(MonthlyReport)
    await flushPromises()
    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/winback/reports/monthly')
    ;(w.vm as any).$.setupState.month = '2023-03'
    await (w.vm as any).$.setupState.load()
    expect(fetchMock.mock.calls[1][0]).toBe('/api/v1/winback/reports/monthly?month=2023-03')
  })
})

describe('the cohorts', () => {
  it('names the month bands and shows the rates as percentages', async () => {
    const c = (months_from: number, months_to: number | null, success: number) => ({
      months_from, months_to, attempts: 100, won_back: 50, success, retention_known: 50, retained: 35, retention: 0.7,
      true_cost_fen: 2000000, won_back_annual_value_fen: 5000000, effective_roi: 0.75,
    })
    vi.stubGlobal('fetch', vi.fn(async () => json({ programme: 'default@de6b92', attempts: 300, cohorts: [c(0, 3, 0.7787), c(3, 6, 0.5718), c(12, null, 0.0507)] })))
    const w = mounted(CohortsReport)
    await flushPromises()
    const rows = w.findAll('[data-test=cohort-table] .el-table__body-wrapper .el-table__row').map((r) => r.findAll('td').map((d) => d.text()))
    expect(rows.map((r) => r[0])).toEqual(['3 个月以内', '3–6 个月', '超过 12 个月'])
    expect(rows[0].slice(1, 6)).toEqual(['100', '50', '77.87%', '35 / 50', '70.00%'])
    expect(rows[0].slice(6)).toEqual(['¥20,000.00', '¥50,000.00', '75.00%'])
  })
})

describe('the quarterly audit', () => {
  it('marks each standard pass, fail or no data with its side of the threshold', async () => {
    const fetchMock = vi.fn(async () => json({
      programme: 'default@de6b92', quarter: '2023-Q2', budget_fen: 12240000, explicit_cost_fen: 0, hidden_cost_fen: 0, true_cost_fen: 0,
      offers: 0, outcomes: 0, won_back: 0, retention_outcomes: 0, retained: 0, high_value_won: 0, suspected_won: 0, won_back_annual_value_fen: 0,
      retention_used: null, retention_basis: 'model',
      checks: [
        { standard: 'cost_vs_budget', value: -1, threshold: 0.15, result: 'fail' },
        { standard: 'success_rate', value: 0.45, threshold: 0.4, result: 'pass' },
        { standard: 'abuser_share', value: null, threshold: 0.05, result: 'no_data' },
      ],
    }))
    vi.stubGlobal('fetch', fetchMock)
    const w = mounted(AuditReport)
    await flushPromises()
    expect(fetchMock).toHaveBeenCalledTimes(1)
    const rows = w.findAll('[data-test=audit-checks] .el-table__body-wrapper .el-table__row').map((r) => r.findAll('td').map((d) => d.text()))
    expect(rows).toEqual([
      ['成本与预算（3 个月）偏差', '-100.00%', '± 15%', '未达标'],
      ['召回成功率', '45.00%', '> 40%', '达标'],
      ['召回中疑似羊毛党占比', '—', '< 5%', '无数据'],
    ])
    expect(w.text()).toContain('¥122,400.00')
  })
})
