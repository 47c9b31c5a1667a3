// A TOML file sent as the body of a text route (POST /campaigns, /definitions, /winback/programme;
// server.md §4): the bytes as they are, ?file= the file's name, the CSRF token, and a refusal's
// place (file:line, the key) kept for the page.
import { describe, expect, it, vi, afterEach } from 'vitest'
import { api, setCsrf, ApiError } from '../src/api/client'

afterEach(() => vi.unstubAllGlobals())

describe('posting a file', () => {
  it('sends its bytes as the body with its name in ?file=', async () => {
    const fetchMock = vi.fn(async () => new Response('{"id":"c2"}', { status: 201, headers: { 'content-type': 'application/json' } }))
    vi.stubGlobal('fetch', fetchMock)
    setCsrf('tok')
    const text = 'id = "c2"\nname = "春季"\n'
    const file = new File([text], 'spring 2024.toml')
    expect(await api.postFile('/campaigns', file)).toEqual({ id: 'c2' })
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/v1/campaigns?file=spring+2024.toml')
    expect(init.method).toBe('POST')
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok')
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('text/plain; charset=utf-8')
    expect(await (init.body as Blob).text()).toBe(text)
  })
  it("keeps the server's place of the fault", async () => {
    const problem = { type: 'invalid_input', title: '输入有误', status: 422, detail: 'tiers.star_cap: 未知的键', file: 'bad.toml', line: 3, column: 'tiers.star_cap' }
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(problem), { status: 422, headers: { 'content-type': 'application/problem+json' } })))
    const e = await api.postFile('/winback/programme', new File(['x'], 'bad.toml')).catch((x) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect([e.status, e.field, e.problem.line]).toEqual([422, 'tiers.star_cap', 3])
  })
})
