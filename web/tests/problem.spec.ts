// The server's errors in words next to the field at fault.
import { describe, expect, it, vi, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createRouter, createMemoryHistory } from 'vue-router'
import ProblemMessage from '../src/components/ProblemMessage.vue'
import LoginPage from '../src/pages/LoginPage.vue'
import { ApiError, api, setCsrf } from '../src/api/client'
import { i18n } from '../src/i18n'

const invalid = new ApiError(422, { type: 'invalid_input', title: '输入无效', status: 422, detail: '金额须为正数', field: 'amount' })

afterEach(() => vi.unstubAllGlobals())

describe('ProblemMessage', () => {
  it('shows the detail of a problem', () => {
    const w = mount(ProblemMessage, { props: { error: invalid }, global: { plugins: [i18n] } })
    expect(w.text()).toBe('金额须为正数')
    expect(w.find('[role=alert]').exists()).toBe(true)
  })
  it('shows a field error only beside that field', () => {
    expect(mount(ProblemMessage, { props: { error: invalid, field: 'amount' }, global: { plugins: [i18n] } }).text()).toBe('金额须为正数')
    expect(mount(ProblemMessage, { props: { error: invalid, field: 'customer_id' }, global: { plugins: [i18n] } }).html()).not.toContain('金额')
  })
  it('names file:line:column of an import error', () => {
    const e = new ApiError(422, { type: 'invalid_input', title: '输入无效', status: 422, detail: '日期无法识别', file: 'orders.csv', line: 12, column: 'paid_at' })
    expect(mount(ProblemMessage, { props: { error: e }, global: { plugins: [i18n] } }).text()).toContain('orders.csv:12:paid_at')
  })
  it('shows nothing without an error', () => {
    expect(mount(ProblemMessage, { props: { error: null }, global: { plugins: [i18n] } }).find('[role=alert]').exists()).toBe(false)
  })
})

describe('the API client', () => {
  it('sends the CSRF token and the language on a write, and turns problem+json into an ApiError', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ type: 'conflict', title: '冲突', status: 409, detail: '活动已冻结' }), { status: 409, headers: { 'content-type': 'application/problem+json' } }))
    vi.stubGlobal('fetch', fetchMock)
    setCsrf('token-1')
    const e = await api.post('/campaigns/x/freeze', {}).catch((x) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(409)
    expect(e.message).toBe('活动已冻结')
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/v1/campaigns/x/freeze')
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('token-1')
    expect((init.headers as Record<string, string>)['Accept-Language']).toBe('zh-CN')
  })
  it('sends no CSRF token on a read', async () => {
    const fetchMock = vi.fn(async () => new Response('[]', { status: 200, headers: { 'content-type': 'application/json' } }))
    vi.stubGlobal('fetch', fetchMock)
    await api.get('/campaigns', { limit: 5, cursor: undefined })
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/v1/campaigns?limit=5')
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined()
  })
})

describe('the login page', () => {
  it("shows the server's words when the sign-in is refused", async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ type: 'unauthenticated', title: '未登录', status: 401, detail: '用户名或密码错误' }), { status: 401, headers: { 'content-type': 'application/problem+json' } })))
    setActivePinia(createPinia())
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/login', component: LoginPage }, { path: '/tasks', component: LoginPage }] })
    await router.push('/login')
    const w = mount(LoginPage, { global: { plugins: [i18n, router] } })
    await w.find('input[data-test=login-name]').setValue('hq')
    await w.find('input[data-test=login-password]').setValue('wrong')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[role=alert]').text()).toBe('用户名或密码错误')
    expect(router.currentRoute.value.path).toBe('/login')
  })
})
