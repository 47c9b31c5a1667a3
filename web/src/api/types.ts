// The documents of docs/api/openapi.json the desk reads, by hand from the contract (and the
// answers of a demo server); `vue-tsc` holds every page to them in the build. Money is integer
// fen (`*_fen`), rates are fractions, instants ISO 8601 with the campaign's offset.

export interface Problem {
  type: string
  title: string
  status: number
  detail?: string
  request_id?: string
  field?: string
  file?: string
  line?: number
  column?: string
}

export type Role = 'hq' | 'region' | 'store' | 'finance' | 'arbiter' | 'director' | 'service'

export interface User {
  name: string
  role: Role
  scope: string
  added_at?: string
}

export interface LoginAnswer {
  user: User
  csrf_token: string
  expires_at: string
  idle_expires_at: string
}

export interface Me extends User {
  permissions: string[]
  via: string
  csrf_token: string
  expires_at: string
  idle_expires_at: string
}

export interface Campaign {
  id: string
  name: string
  timezone: string
  start: string
  end: string
  store_review_cutoff: string
  appeal_cutoff: string
  review_days: number
  freeze_days: number
  settlement_definition: string
}

export interface RunStatus {
  run: number
  created_at: string
  by: string
  result_digest: string
  current: boolean
  sealed: boolean
  latest: number
}

export interface Signoff {
  kind: 'store' | 'region' | 'finance'
  scope: string
  status: string
  who: string | null
  role: string | null
  at: string | null
  definition: string | null
  digest: string | null
  current_digest: string
  deemed: boolean
}

export interface StoreConfirmation {
  store: string
  status: string
  settled: boolean
  who: string | null
  at: string | null
}

export interface CampaignStatus {
  campaign: string
  name: string
  state: string
  now: string
  timezone: string
  dates: {
    start: string
    end: string
    store_review_cutoff: string
    appeal_cutoff: string
    review_window_end: string
    frozen_at: string | null
    seal_allowed_from: string | null
    sealed_at: string | null
  }
  run: RunStatus | null
  definition: string
  stores: { total: number; current: number; stale: number; deemed: number; pending: number; list: StoreConfirmation[] }
  signoffs: Signoff[]
  arbitration: { items: number; open: number; decided: number; arbiter: string }
  seal: Record<string, unknown> | null
  carry_overs: { total_fen: number; items: Record<string, unknown>[] }
}

export interface Tally {
  orders: number
  amount_fen: number
}

export interface DefinitionSummary {
  name: string
  version: string
  tag: string
  orders: number
  amount_fen: number
  regions: (Tally & { region: string })[]
  stores: (Tally & { store: string; name: string; region: string })[]
  raw: Tally & { tag: string }
  cleaned: Tally & { tag: string }
  difference_rate: number
  amount_difference_rate: number
  rebate_raw_fen: number
  rebate_cleaned_fen: number
  roi_raw: number | null
  roi_cleaned: number | null
}

export interface Summary {
  campaign: string
  run: number
  order_count: number
  definitions: DefinitionSummary[]
  run_status: RunStatus
}

export interface BridgeStep {
  reason: string
  reason_zh: string
  reason_en: string
  direction: 'remove' | 'add' | string
  orders: number
  amount_fen: number
  order_ids: string[]
}

export interface Bridge {
  from: string
  to: string
  from_total: Tally
  to_total: Tally
  steps: BridgeStep[]
  adds_up: boolean
}

export interface Finding {
  order_id: string
  customer_id: string
  stage: string
  rule: string
  action: string
  field: string
  before: string
  after: string
  detail: string
  reason_zh: string
  reason_en: string
}

export interface Page<T> {
  items: T[]
  next_cursor: string | null
  total: number
}

export interface SettlementRow {
  store: string
  name: string
  region: string
  orders: number
  received_fen: number
  rebate_fen: number
  raw_orders: number
  raw_rebate_fen: number
  overpayment_avoided_fen: number
  clawback_fen: number
  payable_fen: number
}

export interface Settlement {
  settlement: {
    definition: string
    cleaned_tag: string
    raw_tag: string
    stores: SettlementRow[]
    total: SettlementRow
  }
  run_status: RunStatus
}

export interface StoreOrder {
  order_id: string
  customer_id: string
  status: string
  paid_at: string
  counted: boolean
  reason: string
  amount_fen: number
  paid_fen: number
}

export interface StoreOrders {
  campaign: string
  store: string
  name: string
  region: string
  definition: string
  confirmation: Signoff
  totals: { orders: number; amount_fen: number; received_fen: number }
  orders: StoreOrder[]
  disputes_filed: { order_id: string; claim: string; note?: string }[]
  run: RunStatus
}

export interface Dispute {
  order_id: string
  claim: 'not-valid' | 'mine'
  note: string
}

export interface Evidence {
  kind: string
  rule?: string
  field?: string
  before?: string
  after?: string
  detail?: string
  [k: string]: unknown
}

export interface ArbitrationItem {
  order_id: string
  store: string
  region: string
  customer_id: string
  counted: boolean
  verdict: string
  amount_fen: number
  reasons: string[]
  evidence: Evidence[]
  claimants: string[] | { store: string; note?: string }[]
  status: string
  decision: { decision: string; reason: string; by?: string; at?: string } | null
}

export interface Verify {
  ok: boolean
  [k: string]: unknown
}

export interface JobProgress {
  stage: string | null
  rows: number
  percent: number | null
  eta_seconds: number | null
}

export interface Job {
  id: string
  kind: string
  state: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'
  by: string
  campaign: string | null
  file_name: string | null
  created_at: string
  progress: JobProgress
  result: Record<string, unknown> | null
  error: Problem | null
  result_url: string | null
}

export interface BoardReason {
  code: string
  [k: string]: unknown
}

export interface BoardEntry {
  store_code: string
  store_name: string
  region: string
  score: number
  cum_score: number
  reasons: BoardReason[]
}

export interface Alert {
  kind: string
  store_code: string
  store_name: string
  region: string
  key: string
  date: string
  item?: string
  playbook?: unknown
  [k: string]: unknown
}

export interface RegionDay {
  region: string | null
  stores: number
  reporting: number
  executing: number
  participation: number
  cum_participation: number
  complaint_rate_per_100: number
  mean_score: number
  alerts: number
}

export interface Board {
  date: string
  day_number: number
  target_participation: number
  network: RegionDay
  regions: RegionDay[]
  red: BoardEntry[]
  black: BoardEntry[]
  alerts: Alert[]
}

export interface Problem_ {
  id: string
  store_code: string
  title: string
  alert_key: string | null
  owner: string
  status: string
  opened_at: string
  due_at: string
  closed_at: string | null
  verified_at: string | null
  events: { at: string; by: string; kind: string; text: string }[]
}

export interface Problems {
  problems: Problem_[]
  stats: { total: number; open: number; in_progress: number; resolved: number; verified: number; overdue: number }
}

export interface ScoredCustomer {
  rank: number
  customer_id: string
  store_code: string
  annual_value_fen: number
  tier: string
  score: number
  band: string
  roi: number
  roi_band: string
  clv_yuan: number
  cap_per_year_yuan: number
  hard_cap_yuan: number
}

export interface Score {
  customers: ScoredCustomer[]
  next_cursor: string | null
  total: number
}

export interface Offer {
  id: string
  customer_id: string
  store_code: string
  region: string
  status: string
  amount_fen: number
  tier: string
  band: string
  score: number
  approver: string | null
  review_reasons: string[]
  created: { by: string; role: string; at: string }
  approval: { by: string; role: string; at: string } | null
  in_person_review: { by: string; role: string; at: string } | null
  rejection: { by: string; reason: string; at: string } | null
  stages: { stage: string; amount_fen: number; released: SignOff | null }[]
  won_back: boolean | null
  retained: boolean | null
  won_back_by: SignOff | null
  retained_by: SignOff | null
}

/** Who signed a step of an offer, and when (winback.md "JSON fields"). */
export interface SignOff {
  by: string
  role: string
  at: string
  note?: string
}

export interface BudgetMonitor {
  month: string
  budget_fen: number
  spent_fen: number
  committed_fen: number
  remaining_fen: number
  usage: number
  days_in_month: number
  days_gone: number
  forecast_fen: number
  alerts: { alert: string; active: boolean; value: number | null; threshold: number }[]
  large_approvals_paused: boolean
  overridden: boolean
}

export interface Budget {
  programme: string
  monitor: BudgetMonitor
}

export interface Token {
  id: string
  user: string
  label: string
  created_at: string
  revoked_at: string | null
}

/** A group robot target (docs/push.md): the webhook address masked, the secret only as set. */
export interface PushTarget {
  id: string
  name: string
  kind: 'wecom' | 'dingtalk' | 'feishu'
  url: string
  secret_set: boolean
  region: string | null
  lang: 'zh' | 'en'
  messages: string[]
  board_time: string
  campaign: string | null
  created_by: string
  created_at: string
}

/** One message to one target and how it went (docs/push.md, the delivery log). */
export interface PushDelivery {
  key: string
  target: string
  campaign: string | null
  kind: string
  subject: string
  title: string
  status: 'sending' | 'retry' | 'sent' | 'failed'
  attempts: number
  updated_at: string
  sent_at: string | null
  error: string | null
  [k: string]: unknown
}

/** The approver token of an offer (winback.md) and the role that signs at that level. */
export const approverRole: Record<string, string> = { store_manager: 'store', region_manager: 'region', director: 'director' }
