// A document read from the API when the page opens (and again on `load()`): the last good copy,
// and the error of the last read, if it failed.
import { onMounted, ref, shallowRef, type Ref } from 'vue'

export function useLoad<T>(read: () => Promise<T>, options: { immediate?: boolean } = {}) {
  const data = shallowRef<T | null>(null) as Ref<T | null>
  const error = ref<unknown>(null)
  const loading = ref(false)
  async function load(): Promise<void> {
    loading.value = true
    try {
      data.value = await read()
      error.value = null
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }
  if (options.immediate !== false) onMounted(load)
  return { data, error, loading, load }
}
