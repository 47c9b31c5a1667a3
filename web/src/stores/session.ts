// Who is signed in (GET /api/v1/me), their CSRF token, the campaign being worked on and the
// language. Navigation and actions follow the permissions the server lists, never a guess.
import { defineStore } from 'pinia'
import { api, setCsrf, setLanguage, ApiError } from '../api/client'
import type { CampaignStatus, LoginAnswer, Me, Campaign } from '../api/types'
import { i18n, type Locale } from '../i18n'

export const useSession = defineStore('session', {
  state: () => ({
    me: null as Me | null,
    checked: false,
    campaign: '' as string,
    campaigns: [] as Campaign[],
    status: null as CampaignStatus | null,
  }),
  getters: {
    role: (s) => s.me?.role ?? null,
    scope: (s) => s.me?.scope ?? '',
    zone: (s) => s.status?.timezone ?? s.campaigns.find((c) => c.id === s.campaign)?.timezone ?? 'Asia/Shanghai',
  },
  actions: {
    can(permission: string): boolean {
      return this.me?.permissions.includes(permission) ?? false
    },
    async load(): Promise<void> {
      try {
        this.me = await api.get<Me>('/me')
        setCsrf(this.me.csrf_token)
        await this.loadCampaigns()
      } catch (e) {
        if (!(e instanceof ApiError) || e.status !== 401) throw e
        this.me = null
      } finally {
        this.checked = true
      }
    },
    async loadCampaigns(): Promise<void> {
      this.campaigns = await api.get<Campaign[]>('/campaigns')
      if (!this.campaign && this.campaigns.length) this.campaign = this.campaigns[this.campaigns.length - 1].id
      await this.refreshStatus()
    },
    async refreshStatus(): Promise<void> {
      if (!this.campaign || !this.can('workflow:status:read')) {
        this.status = null
        return
      }
      this.status = await api.get<CampaignStatus>(`/campaigns/${encodeURIComponent(this.campaign)}/status`)
    },
    async login(name: string, password: string): Promise<void> {
      const answer = await api.post<LoginAnswer>('/login', { name, password })
      setCsrf(answer.csrf_token)
      await this.load()
    },
    async logout(): Promise<void> {
      try {
        await api.post('/logout')
      } finally {
        this.me = null
        this.status = null
        this.campaigns = []
        this.campaign = ''
        setCsrf('')
      }
    },
    setLocale(locale: Locale): void {
      ;(i18n.global.locale as unknown as { value: string }).value = locale
      setLanguage(locale)
      document.documentElement.lang = locale
      try {
        localStorage.setItem('pitwall.lang', locale)
      } catch {
        /* private mode */
      }
    },
  },
})
