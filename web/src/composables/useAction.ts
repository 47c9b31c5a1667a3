// One action that changes something: `busy` while it runs, the server's error kept for the page
// to show next to the field at fault, and whether it succeeded. The page never stays half done:
// what follows a success runs only after the server said yes.
import { ref } from 'vue'

export function useAction() {
  const busy = ref(false)
  const error = ref<unknown>(null)
  /** Runs `work`; true when it succeeded, false when it failed (its error is in `error`). */
  async function run(work: () => Promise<unknown>): Promise<boolean> {
    busy.value = true
    error.value = null
    try {
      await work()
      return true
    } catch (e) {
      error.value = e
      return false
    } finally {
      busy.value = false
    }
  }
  return { busy, error, run }
}
