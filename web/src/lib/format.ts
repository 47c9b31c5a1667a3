// Numbers and dates as our users read them. Money arrives as integer fen (分) and is never
// touched by floating point: ¥1,234.56. Rates are fractions (0.2394 → 23.94%); differences of
// two rates are percentage points. Instants are shown in the campaign's time zone.

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** ¥1,234.56 from integer fen; "—" when unknown. */
export function money(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—'
  const negative = fen < 0
  const abs = Math.abs(Math.trunc(fen))
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  return `${negative ? '-' : ''}¥${group(String(yuan))}.${String(cents).padStart(2, '0')}`
}

/** ¥ from a yuan figure the API gives as a decimal number (win-back's *_yuan fields). */
export function moneyYuan(yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return '—'
  return money(Math.round(yuan * 100))
}

/** 23.94% from 0.2394. */
export function percent(rate: number | null | undefined, digits = 2): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  return `${(rate * 100).toFixed(digits)}%`
}

/** A difference of rates in percentage points, signed: "-3.15" (the unit is named by the caller). */
export function points(diff: number | null | undefined, digits = 2): string {
  if (diff === null || diff === undefined || !Number.isFinite(diff)) return '—'
  const v = (diff * 100).toFixed(digits)
  return diff > 0 ? `+${v}` : v
}

/** A count with thousands separators. */
export function count(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—'
  return group(String(Math.trunc(Math.abs(n)))).replace(/^/, n < 0 ? '-' : '')
}

/** 2023-04-01 12:00 in `zone` (the campaign's), from an ISO 8601 instant. */
export function instant(iso: string | null | undefined, zone = 'Asia/Shanghai'): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d)
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`
}
