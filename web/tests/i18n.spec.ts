import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import zh from '../src/i18n/zh'
import en from '../src/i18n/en'

function keys(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]))
}
function lookup(o: Record<string, unknown>, key: string): unknown {
  return key.split('.').reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o)
}
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.vue') || p.endsWith('.ts') ? [p] : []
  })
}

describe('the zh/en catalogue', () => {
  it('has the same keys in both languages', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort())
  })
  it('has no empty text and the same placeholders in both', () => {
    for (const k of keys(zh)) {
      const a = String(lookup(zh, k))
      const b = String(lookup(en, k))
      expect(a.length, k).toBeGreaterThan(0)
      expect(b.length, k).toBeGreaterThan(0)
      expect((a.match(/\{\w+\}/g) ?? []).sort(), k).toEqual((b.match(/\{\w+\}/g) ?? []).sort())
    }
  })
  it('knows every literal key the pages ask for', () => {
    const used = new Set<string>()
    for (const f of files(join(__dirname, '..', 'src'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z.]+)'/g)) used.add(m[1])
    }
    expect(used.size).toBeGreaterThan(50)
    const missing = [...used].filter((k) => typeof lookup(zh, k) !== 'string')
    expect(missing).toEqual([])
  })
  it('keeps Chinese out of the components: words live in the catalogue', () => {
    const offenders = files(join(__dirname, '..', 'src'))
      .filter((f) => !f.includes('/i18n/'))
      .filter((f) => /[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/.test(readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '')))
    expect(offenders).toEqual([])
  })
})
