// The one way the desk talks to `pitwall serve`: same origin, the session cookie, the CSRF token
// on every write, the language asked for, and problem+json turned into an ApiError whose words
// (title, detail) and place (field, line, column) the pages show next to what is at fault.
import type { Problem } from './types'

export class ApiError extends Error {
  readonly status: number
  readonly problem: Problem
  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`)
    this.status = status
    this.problem = problem
  }
  /** The field the server named, if any (`field`, else the column of a file). */
  get field(): string | undefined {
    return this.problem.field ?? this.problem.column ?? undefined
  }
}

let csrfToken = ''
let language = 'zh-CN'
let onUnauthenticated: (() => void) | null = null

export function setCsrf(token: string): void {
  csrfToken = token
}
export function setLanguage(lang: string): void {
  language = lang
}
export function onSignedOut(handler: () => void): void {
  onUnauthenticated = handler
}

type Query = Record<string, string | number | boolean | undefined | null>

function url(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  }
  const q = params.toString()
  return `/api/v1${path}${q ? `?${q}` : ''}`
}

async function send<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { 'Accept-Language': language, Accept: 'application/json' }
  let payload: BodyInit | undefined
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = csrfToken
    if (body instanceof FormData) {
      payload = body
    } else if (body instanceof Blob) {
      // A text file sent as the body itself (a campaign, definition or programme TOML).
      headers['Content-Type'] = body.type || 'text/plain; charset=utf-8'
      payload = body
    } else {
      headers['Content-Type'] = 'application/json'
      payload = JSON.stringify(body ?? {})
    }
  }
  const res = await fetch(url(path, query), { method, headers, body: payload, credentials: 'same-origin' })
  const type = res.headers.get('content-type') ?? ''
  if (!res.ok) {
    let problem: Problem = { type: 'http', title: res.statusText, status: res.status }
    if (type.includes('json')) problem = (await res.json()) as Problem
    if (res.status === 401 && onUnauthenticated && path !== '/login') onUnauthenticated()
    throw new ApiError(res.status, problem)
  }
  if (res.status === 204) return undefined as T
  if (type.includes('json')) return (await res.json()) as T
  return (await res.text()) as unknown as T
}

export const api = {
  get: <T>(path: string, query?: Query) => send<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown, query?: Query) => send<T>('POST', path, body, query),
  put: <T>(path: string, body?: unknown) => send<T>('PUT', path, body),
  del: <T>(path: string) => send<T>('DELETE', path),
  /** A file's bytes as the request's body, `?file=` its name for the record (server.md §4). */
  postFile: <T>(path: string, file: Blob & { name?: string }) => send<T>('POST', path, file, { file: file.name }),
  /** The URL of a download (a job's workbook), for a plain link. */
  href: (path: string) => url(path),
}

/** Follows a job's server-sent events; resolves with the job's final document. */
export function followJob(id: string, onProgress: (job: import('./types').Job) => void): Promise<import('./types').Job> {
  return new Promise((resolve, reject) => {
    const source = new EventSource(url(`/jobs/${id}/events`))
    const finish = async () => {
      source.close()
      try {
        resolve(await api.get(`/jobs/${id}`))
      } catch (e) {
        reject(e)
      }
    }
    source.addEventListener('progress', (e) => {
      try {
        onProgress(JSON.parse((e as MessageEvent).data))
      } catch {
        /* a malformed event is skipped */
      }
    })
    source.addEventListener('done', finish)
    source.onerror = finish
  })
}
