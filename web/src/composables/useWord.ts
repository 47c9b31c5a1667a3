// A token the API sends (a tier, a band, an action) in the reader's words, or the token itself
// when the catalogue has no word for it (a new token still shows, never a blank).
import { useI18n } from 'vue-i18n'

export function useWord() {
  const { t, te } = useI18n()
  return (kind: string, token: string | null | undefined): string => {
    if (token === null || token === undefined || token === '') return '—'
    return te(`${kind}.${token}`) ? t(`${kind}.${token}`) : token
  }
}
