// The group robots page (docs/push.md) against answers shaped as the API's: the targets with their
// address masked and their secret only as set, the delivery log with why a delivery failed, and a
// new target posted with its secret (which the page then never shows).
import { describe, expect, it, vi, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import PushPage from '../src/pages/admin/PushPage.vue'
import { useSession } from '../src/stores/session'
import { i18n } from '../src/i18n'

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' } })

const target = {
  id: 'PT001', name: '华东战区钉钉群', kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=abcd…', secret_set: true,
  region: '华东战区', lang: 'zh', messages: ['board', 'alert'], board_time: '09:00', campaign: null, created_by: 'hq', created_at: '2023-03-01T08:00:00+08:00',
}
const delivery = {
  key: 'PT001/c1/board/2023-03-01', target: 'PT001', campaign: 'c1', kind: 'board', subject: '2023-03-01', title: '春季焕新服务月 红黑榜 2023-03-01 · 华东战区',
  status: 'retry', attempts: 2, created_at: '2023-03-02T09:00:00+08:00', updated_at: '2023-03-02T09:01:00+08:00', next_at: '2023-03-02T09:03:00+08:00',
  sent_at: null, error: 'errcode 310000: sign not match', bytes: 900, dropped: 0,
}

async function mountPage(fetchMock: ReturnType<typeof vi.fn>) {
  vi.stubGlobal('fetch', fetchMock)
  setActivePinia(createPinia())
  useSession().me = { name: 'hq', role: 'hq', scope: '', permissions: ['push:deliveries:read', 'push:targets:write'], csrf_token: 'x' } as any
  const w = mount(PushPage, { global: { plugins: [i18n] } })
  await flushPromises()
  return w
}

afterEach(() => vi.unstubAllGlobals())

describe('the group robots page', () => {
  it('lists targets masked, secrets as set, and the delivery log with why', async () => {
    const fetchMock = vi.fn(async (url: string) => json(url.startsWith('/api/v1/push/targets') ? [target] : { items: [delivery], next_cursor: null, total: 1 }))
    const w = await mountPage(fetchMock)
    const targets = w.find('[data-test=targets]').text()
    expect(targets).toContain('access_token=abcd…')
    expect(targets).toContain('华东战区')
    expect(targets).toContain(i18n.global.t('push.set'))
    const log = w.find('[data-test=deliveries]').text()
    expect(log).toContain('errcode 310000: sign not match')
    expect(log).toContain(i18n.global.t('push.state.retry'))
  })
  it('posts a new target with its secret and shows only what the server answers', async () => {
    const bodies: unknown[] = []
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'POST') {
        bodies.push(JSON.parse(String(init.body)))
        return json(target, 201)
      }
      return json(url.startsWith('/api/v1/push/targets') ? [target] : { items: [], next_cursor: null, total: 0 })
    })
    const w = await mountPage(fetchMock)
    const inputs = w.find('[data-test=add-target]').findAll('input')
    await inputs[0].setValue('华东战区钉钉群')
    await inputs[2].setValue('https://oapi.dingtalk.com/robot/send?access_token=secret-token')
    await inputs[3].setValue('SECsecret')
    await w.find('[data-test=add-target]').findAll('button').at(-1)!.trigger('click')
    await flushPromises()
    expect(bodies[0]).toMatchObject({ name: '华东战区钉钉群', kind: 'wecom', url: 'https://oapi.dingtalk.com/robot/send?access_token=secret-token', secret: 'SECsecret', lang: 'zh', board_time: '09:00' })
    expect(w.html()).not.toContain('secret-token')
    expect(w.html()).not.toContain('SECsecret')
  })
})
