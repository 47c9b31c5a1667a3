// Whether the screen is a phone's (the desk's one breakpoint, style.css: 768 px), following
// rotation and resizing: pages that show a table on a desk show cards on a phone.
import { onBeforeUnmount, ref } from 'vue'

export function useNarrow(query = '(max-width: 768px)') {
  const list = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query) : null
  const narrow = ref(list?.matches ?? false)
  const follow = (e: MediaQueryListEvent) => (narrow.value = e.matches)
  list?.addEventListener('change', follow)
  onBeforeUnmount(() => list?.removeEventListener('change', follow))
  return narrow
}
