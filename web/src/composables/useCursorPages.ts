// A log read forwards by the API's `after` / `next_after` cursor (the audit trail): page by page,
// with the way back kept as the cursors already walked. `next_after` null means the last page.
import { computed, ref, shallowRef, type Ref } from 'vue'
import { useAction } from './useAction'

export interface CursorPage<T> {
  items: T[]
  next_after: number | null
}

export function useCursorPages<T>(read: (after: number | undefined) => Promise<CursorPage<T>>) {
  const rows = shallowRef<T[]>([]) as Ref<T[]>
  // The `after` of each page walked so far; the last is the page shown (undefined: the first).
  const trail = ref<(number | undefined)[]>([undefined])
  const nextAfter = ref<number | null>(null)
  const { busy, error, run } = useAction()
  const page = computed(() => trail.value.length)
  const hasNext = computed(() => nextAfter.value !== null)
  const hasPrev = computed(() => trail.value.length > 1)

  function show(after: number | undefined): Promise<boolean> {
    return run(async () => {
      const doc = await read(after)
      rows.value = doc.items
      nextAfter.value = doc.next_after
    })
  }
  async function first(): Promise<void> {
    if (await show(undefined)) trail.value = [undefined]
  }
  async function next(): Promise<void> {
    const after = nextAfter.value
    if (after === null) return
    if (await show(after)) trail.value = [...trail.value, after]
  }
  async function prev(): Promise<void> {
    if (trail.value.length < 2) return
    const back = trail.value.slice(0, -1)
    if (await show(back[back.length - 1])) trail.value = back
  }
  return { rows, page, hasNext, hasPrev, error, busy, first, next, prev }
}
