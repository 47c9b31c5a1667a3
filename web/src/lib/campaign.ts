// Paths of the API under the campaign being worked on.
import { useSession } from '../stores/session'

export function cpath(rest: string): string {
  const s = useSession()
  return `/campaigns/${encodeURIComponent(s.campaign)}${rest}`
}

export function enc(s: string): string {
  return encodeURIComponent(s)
}
