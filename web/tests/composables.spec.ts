// The small composables the pages share: offset cursors, the audit trail's after/next_after
// walk, and one action's busy/error/success.
import { describe, expect, it, vi } from 'vitest'
import { offsetCursor } from '../src/composables/usePaged'
import { useCursorPages } from '../src/composables/useCursorPages'
import { useAction } from '../src/composables/useAction'

describe('offset cursors (the server pages lists with "o" + offset)', () => {
  it('gives none for the first page and the offset of the page after', () => {
    expect(offsetCursor(1, 50)).toBeUndefined()
    expect(offsetCursor(2, 50)).toBe('o50')
    expect(offsetCursor(3, 50)).toBe('o100')
  })
})

// A trail of 5 entries (seq 1..5) read 2 at a time, as GET /audit answers: next_after is the last
// seq of a full page when more follow, null on the last page.
function trail() {
  const seqs = [1, 2, 3, 4, 5]
  return vi.fn(async (after: number | undefined) => {
    const rest = seqs.filter((s) => s > (after ?? 0))
    const items = rest.slice(0, 2).map((seq) => ({ seq }))
    return { items, next_after: rest.length > 2 ? items[items.length - 1].seq : null }
  })
}

describe('walking a log by its cursor', () => {
  it('goes forward with next_after, back with the cursors walked, and stops at the last page', async () => {
    const read = trail()
    const p = useCursorPages<{ seq: number }>(read)
    await p.first()
    expect(p.rows.value.map((r) => r.seq)).toEqual([1, 2])
    expect([p.page.value, p.hasPrev.value, p.hasNext.value]).toEqual([1, false, true])
    await p.next()
    expect(read).toHaveBeenLastCalledWith(2)
    expect(p.rows.value.map((r) => r.seq)).toEqual([3, 4])
    await p.next()
    expect(read).toHaveBeenLastCalledWith(4)
    expect(p.rows.value.map((r) => r.seq)).toEqual([5])
    expect([p.page.value, p.hasNext.value]).toEqual([3, false])
    await p.next() // nothing after the last page
    expect(read).toHaveBeenCalledTimes(3)
    await p.prev()
    expect(read).toHaveBeenLastCalledWith(2)
    expect(p.rows.value.map((r) => r.seq)).toEqual([3, 4])
    await p.first()
    expect(p.rows.value.map((r) => r.seq)).toEqual([1, 2])
    expect([p.page.value, p.hasPrev.value]).toEqual([1, false])
  })
  it('keeps the page shown when a read fails, with the error', async () => {
    const ok = trail()
    let fail = false
    const p = useCursorPages<{ seq: number }>(async (after) => {
      if (fail) throw new Error('down')
      return ok(after)
    })
    await p.first()
    fail = true
    await p.next()
    expect(p.rows.value.map((r) => r.seq)).toEqual([1, 2])
    expect(p.page.value).toBe(1)
    expect(String(p.error.value)).toContain('down')
  })
})

describe('one action', () => {
  it('is busy while it runs, then says whether it succeeded and keeps the error', async () => {
    const a = useAction()
    let release!: () => void
    const running = a.run(() => new Promise<void>((r) => (release = r)))
    expect(a.busy.value).toBe(true)
    release()
    expect(await running).toBe(true)
    expect([a.busy.value, a.error.value]).toEqual([false, null])
    expect(await a.run(async () => Promise.reject(new Error('refused')))).toBe(false)
    expect(String(a.error.value)).toContain('refused')
    expect(await a.run(async () => undefined)).toBe(true)
    expect(a.error.value).toBeNull()
  })
})
