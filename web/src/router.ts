// Every page is its own chunk (route-level code splitting); `meta.can` names the permission the
// server lists for whoever may see it, `meta.nav` places it in the side navigation.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useSession } from './stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    can?: string | string[]
    roles?: string[]
    nav?: string
    group?: string
    phone?: boolean
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('./layouts/DeskLayout.vue'),
    children: [
      { path: '', redirect: { name: 'tasks' } },
      { path: 'tasks', name: 'tasks', component: () => import('./pages/TasksPage.vue'), meta: { nav: 'tasks', phone: true } },
      { path: 'campaigns', name: 'campaigns', component: () => import('./pages/CampaignsPage.vue'), meta: { nav: 'campaigns', can: 'workspace:catalogue:read' } },
      { path: 'imports', name: 'imports', component: () => import('./pages/ImportsPage.vue'), meta: { nav: 'imports', can: 'workspace:imports:read' } },
      { path: 'closeout/summary', name: 'summary', component: () => import('./pages/closeout/SummaryPage.vue'), meta: { nav: 'summary', group: 'closeout', can: 'closeout:results:read', roles: ['hq', 'finance', 'director', 'region', 'store'] } },
      { path: 'closeout/bridge', name: 'bridge', component: () => import('./pages/closeout/BridgePage.vue'), meta: { nav: 'bridge', group: 'closeout', can: 'closeout:results:read', roles: ['hq', 'finance', 'director', 'region'] } },
      { path: 'closeout/settlement', name: 'settlement', component: () => import('./pages/closeout/SettlementPage.vue'), meta: { nav: 'settlement', group: 'closeout', can: 'closeout:results:read', roles: ['hq', 'finance', 'director', 'region', 'store'] } },
      { path: 'closeout/findings', name: 'findings', component: () => import('./pages/closeout/FindingsPage.vue'), meta: { nav: 'findings', group: 'closeout', can: 'closeout:results:read', roles: ['hq', 'finance', 'director', 'region', 'store'] } },
      { path: 'stores/:store/confirm', name: 'confirm', component: () => import('./pages/closeout/ConfirmPage.vue'), meta: { group: 'closeout', can: 'workflow:confirmations:read', phone: true } },
      { path: 'closeout/arbitration', name: 'arbitration', component: () => import('./pages/closeout/ArbitrationPage.vue'), meta: { nav: 'arbitration', group: 'closeout', can: 'workflow:arbitration:read', roles: ['hq', 'finance', 'director', 'arbiter'] } },
      { path: 'closeout/signoffs', name: 'signoffs', component: () => import('./pages/closeout/SignoffsPage.vue'), meta: { nav: 'signoffs', group: 'closeout', can: 'workflow:status:read', roles: ['hq', 'finance', 'director', 'region'] } },
      { path: 'closeout/seal', name: 'seal', component: () => import('./pages/closeout/SealPage.vue'), meta: { nav: 'seal', group: 'closeout', can: 'workflow:status:read', roles: ['hq', 'finance', 'director'] } },
      { path: 'closeout/retro', name: 'retro', component: () => import('./pages/closeout/RetroPage.vue'), meta: { nav: 'retro', group: 'closeout', can: 'workflow:status:read', roles: ['hq', 'finance', 'director'] } },
      { path: 'supervision/sample', name: 'sample', component: () => import('./pages/supervision/SamplePage.vue'), meta: { nav: 'sample', group: 'supervision', can: 'supervision:board:read', roles: ['hq', 'region', 'director', 'finance'] } },
      { path: 'supervision/phases', name: 'phases', component: () => import('./pages/supervision/PhasesPage.vue'), meta: { nav: 'phases', group: 'supervision', can: 'supervision:board:read', roles: ['hq', 'region', 'director', 'finance'] } },
      { path: 'supervision/practices', name: 'practices', component: () => import('./pages/supervision/PracticesPage.vue'), meta: { nav: 'practices', group: 'supervision', can: 'supervision:board:read', roles: ['hq', 'region', 'director', 'finance'] } },
      { path: 'supervision/review', name: 'review', component: () => import('./pages/supervision/ReviewPage.vue'), meta: { nav: 'review', group: 'supervision', can: 'supervision:board:read', roles: ['hq', 'region', 'director', 'finance'] } },
      { path: 'supervision/board', name: 'board', component: () => import('./pages/supervision/BoardPage.vue'), meta: { nav: 'board', group: 'supervision', can: 'supervision:board:read', phone: true } },
      { path: 'supervision/problems', name: 'problems', component: () => import('./pages/supervision/ProblemsPage.vue'), meta: { nav: 'problems', group: 'supervision', can: 'supervision:board:read', phone: true } },
      { path: 'winback/queue', name: 'queue', component: () => import('./pages/winback/QueuePage.vue'), meta: { nav: 'queue', group: 'winback', can: 'winback:customers:read' } },
      { path: 'winback/customers/:id', name: 'customer', component: () => import('./pages/winback/CustomerPage.vue'), meta: { group: 'winback', can: 'winback:customers:read', phone: true } },
      { path: 'winback/offers', name: 'offers', component: () => import('./pages/winback/OffersPage.vue'), meta: { nav: 'offers', group: 'winback', can: ['winback:offers:approve', 'winback:offers:handle', 'winback:reports:read'] } },
      { path: 'winback/budget', name: 'budget', component: () => import('./pages/winback/BudgetPage.vue'), meta: { nav: 'budget', group: 'winback', can: 'winback:reports:read' } },
      { path: 'winback/reports', name: 'reports', component: () => import('./pages/winback/ReportsPage.vue'), meta: { nav: 'reports', group: 'winback', can: 'winback:reports:read' } },
      { path: 'winback/log', name: 'decisions', component: () => import('./pages/winback/LogPage.vue'), meta: { nav: 'decisions', group: 'winback', can: 'winback:reports:read' } },
      { path: 'winback/programme', name: 'programme', component: () => import('./pages/winback/ProgrammePage.vue'), meta: { nav: 'programme', group: 'winback', can: 'winback:reports:read' } },
      { path: 'admin/users', name: 'users', component: () => import('./pages/admin/UsersPage.vue'), meta: { nav: 'users', group: 'admin', can: 'workspace:users:read' } },
      { path: 'admin/audit', name: 'audit', component: () => import('./pages/admin/AuditPage.vue'), meta: { nav: 'audit', group: 'admin', can: 'workspace:audit:read' } },
      { path: 'admin/push', name: 'push', component: () => import('./pages/admin/PushPage.vue'), meta: { nav: 'push', group: 'admin', can: 'push:deliveries:read' } },
      { path: 'admin/tokens', name: 'tokens', component: () => import('./pages/admin/TokensPage.vue'), meta: { nav: 'tokens', group: 'admin' } },
      { path: ':rest(.*)*', name: 'notfound', component: () => import('./pages/NotFoundPage.vue') },
    ],
  },
]

export const router = createRouter({ history: createWebHistory(), routes })

/** Whether the signed-in person may open a route (its permission and role). */
export function allowed(meta: RouteRecordRaw['meta']): boolean {
  const s = useSession()
  if (!meta) return true
  if (meta.roles && (!s.role || !meta.roles.includes(s.role))) return false
  if (!meta.can) return true
  const list = Array.isArray(meta.can) ? meta.can : [meta.can]
  return list.some((p) => s.can(p))
}

router.beforeEach(async (to) => {
  const s = useSession()
  if (!s.checked) await s.load()
  if (to.meta.public) return s.me && to.name === 'login' ? { name: 'tasks' } : true
  if (!s.me) return { name: 'login', query: { next: to.fullPath } }
  if (!allowed(to.meta)) return { name: 'notfound', params: { rest: to.path.slice(1).split('/') } }
  return true
})
