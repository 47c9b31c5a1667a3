// A table paged by the API (style.md rule 6: `limit` and `cursor`, the answer's `total`). The
// server's cursors are offsets ("o100"), so page N's cursor is known without walking the pages
// before it; the page counts from 1 as Element Plus's pagination does.
import { onMounted, ref, shallowRef, type Ref } from 'vue'

export interface PageOf<T> {
  rows: T[]
  total: number
}

/** The cursor of page `page` (1-based) of `size` rows; none for the first. */
export function offsetCursor(page: number, size: number): string | undefined {
  return page > 1 ? `o${(page - 1) * size}` : undefined
}

export function usePaged<T>(read: (query: { limit: number; cursor?: string }) => Promise<PageOf<T>>, size = 50) {
  const rows = shallowRef<T[]>([]) as Ref<T[]>
  const total = ref(0)
  const page = ref(1)
  const error = ref<unknown>(null)
  async function load(): Promise<void> {
    try {
      const doc = await read({ limit: size, cursor: offsetCursor(page.value, size) })
      rows.value = doc.rows
      total.value = doc.total
      error.value = null
    } catch (e) {
      error.value = e
    }
  }
  /** Back to the first page (a filter changed). */
  function restart(): Promise<void> {
    page.value = 1
    return load()
  }
  onMounted(load)
  return { rows, total, page, size, error, load, restart }
}
