// A fresh demo workspace and a real `pitwall serve` on 127.0.0.1 (a free port) for the end-to-end
// suite. The close-out story needs the calendar to move (review window, arbitration, sign-off,
// freeze, seal): the server is restarted with another --now, as the server tests move their clock.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const out = join(root, 'build', 'web-e2e')
export const statePath = join(out, 'state.json')
const binary = process.env.PITWALL_BINARY ?? join(root, 'build', 'pitwall')
export const CAMPAIGN = '2023-spring-renewal'
export const REVIEW = '2023-04-01T10:00:00+08:00'

export interface State { dir: string; port: number; pid: number; now: string }

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      const port = typeof a === 'object' && a ? a.port : 0
      s.close(() => res(port))
    })
    s.on('error', rej)
  })
}

function run(args: string[]): void {
  const r = spawnSync(binary, args, { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`pitwall ${args.join(' ')} failed: ${r.stderr}`)
}

/** A new small demo (12 stores in 6 regions, ~2,000 orders) with close-out run 1, at the review. */
export function makeDemo(): string {
  const dir = join(out, 'demo')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  run(['demo', dir, '--orders', '2000', '--stores', '12', '--now', REVIEW])
  run(['-w', dir, 'closeout', 'run', '--campaign', CAMPAIGN, '--as', 'hq', '--now', REVIEW])
  return dir
}

export function passwords(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of readFileSync(join(dir, 'demo-passwords.txt'), 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue
    const [name, pw] = line.split('\t')
    out[name] = pw
  }
  return out
}

async function waitHealthy(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`)
      if (r.ok) return
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('pitwall serve did not come up')
}

/** Starts `pitwall serve` on the demo at `now`; records it in state.json. */
export async function startServer(dir: string, now: string): Promise<State> {
  const port = await freePort()
  const web = join(root, 'web', 'dist')
  if (!existsSync(join(web, 'index.html'))) throw new Error('web/dist is not built: npm run build')
  const child: ChildProcess = spawn(binary, ['-w', dir, 'serve', '--listen', `127.0.0.1:${port}`, '--web', web, '--now', now], {
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: false,
  })
  await waitHealthy(port)
  const state = { dir, port, pid: child.pid!, now }
  writeFileSync(statePath, JSON.stringify(state))
  child.unref()
  return state
}

export function readState(): State {
  return JSON.parse(readFileSync(statePath, 'utf8')) as State
}

/** Stops the server of state.json (SIGTERM, then waits for it to go). */
export async function stopServer(): Promise<void> {
  if (!existsSync(statePath)) return
  const { pid } = readState()
  try {
    process.kill(pid, 'SIGTERM')
  } catch {
    return
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0)
    } catch {
      return
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  process.kill(pid, 'SIGKILL')
}

/** The server again, at another instant of the campaign's calendar. */
export async function restartAt(now: string): Promise<State> {
  const { dir } = readState()
  await stopServer()
  return startServer(dir, now)
}
