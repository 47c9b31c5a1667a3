import { describe, expect, it } from 'vitest'
import { count, instant, money, moneyYuan, percent, points } from '../src/lib/format'

describe('money from integer fen', () => {
  it('groups thousands and keeps two decimals', () => {
    expect(money(123456)).toBe('¥1,234.56')
    expect(money(849806388)).toBe('¥8,498,063.88')
    expect(money(5)).toBe('¥0.05')
    expect(money(0)).toBe('¥0.00')
    expect(money(100000000)).toBe('¥1,000,000.00')
  })
  it('puts the sign before the currency', () => {
    expect(money(-36805030)).toBe('-¥368,050.30')
  })
  it('never goes through floating point for fen', () => {
    // 0.1 + 0.2 style errors would show as ¥0.30000000000000004 or ¥0.29.
    expect(money(10 + 20)).toBe('¥0.30')
    expect(money(900719925474099)).toBe('¥9,007,199,254,740.99')
  })
  it('says unknown as a dash', () => {
    expect(money(null)).toBe('—')
    expect(money(undefined)).toBe('—')
  })
  it('turns a decimal yuan figure into fen first', () => {
    expect(moneyYuan(908.1)).toBe('¥908.10')
    expect(moneyYuan(15135.05)).toBe('¥15,135.05')
  })
})

describe('rates', () => {
  it('shows fractions as percentages', () => {
    expect(percent(0.2394)).toBe('23.94%')
    expect(percent(1)).toBe('100.00%')
    expect(percent(0.4, 0)).toBe('40%')
  })
  it('shows differences as signed percentage points', () => {
    expect(points(-0.0315)).toBe('-3.15')
    expect(points(0.085)).toBe('+8.50')
    expect(points(0)).toBe('0.00')
  })
  it('counts with separators', () => {
    expect(count(120000)).toBe('120,000')
    expect(count(-98)).toBe('-98')
  })
})

describe('instants in the campaign zone', () => {
  it('shows the wall clock of the zone, whatever the offset written', () => {
    expect(instant('2023-04-01T12:00:00+08:00', 'Asia/Shanghai')).toBe('2023-04-01 12:00')
    expect(instant('2023-04-01T04:00:00Z', 'Asia/Shanghai')).toBe('2023-04-01 12:00')
    expect(instant('2023-03-31T23:59:59+08:00', 'Asia/Shanghai')).toBe('2023-03-31 23:59')
    expect(instant('2023-04-01T12:00:00+08:00', 'Europe/Berlin')).toBe('2023-04-01 06:00')
  })
  it('says an absent instant as a dash', () => {
    expect(instant(null)).toBe('—')
  })
})
