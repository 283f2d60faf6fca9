import { describe, expect, it } from 'vitest'
import { newAssetId, newBytedToken, newGroupId, newTaskId, uniqueId } from './ids.ts'
import { formatTosDate, formatUpstreamIso, parseTosDate, toUnixSeconds } from './time-format.ts'

const T = Date.parse('2026-05-21T16:29:15+08:00')

describe('ids', () => {
  it('have the upstream shapes, stamped in Beijing time', () => {
    expect(newBytedToken(T)).toMatch(/^20260521162915[0-9A-F]{20}$/)
    expect(newGroupId(T)).toMatch(/^group-20260521162915-[a-z]{5}$/)
    expect(newAssetId(T)).toMatch(/^asset-20260521162915-[a-z]{5}$/)
    expect(newTaskId()).toMatch(/^task_[A-Za-z0-9]{32}$/)
  })

  it('uniqueId draws again when an id is taken', () => {
    const draws = ['a', 'a', 'b']
    expect(
      uniqueId(
        () => draws.shift() ?? 'z',
        (id) => id === 'a',
      ),
    ).toBe('b')
  })
})

describe('time formats', () => {
  it('formats upstream ISO times with the +08:00 offset', () => {
    expect(formatUpstreamIso(T)).toBe('2026-05-21T16:29:15+08:00')
    expect(formatUpstreamIso(Date.parse('2026-12-31T20:00:00Z'))).toBe('2027-01-01T04:00:00+08:00')
  })

  it('round-trips X-Tos-Date stamps in UTC', () => {
    expect(formatTosDate(T)).toBe('20260521T082915Z')
    expect(parseTosDate('20260521T082915Z')).toBe(T)
    expect(parseTosDate('2026-05-21')).toBeUndefined()
  })

  it('converts to unix seconds', () => {
    expect(toUnixSeconds(T + 999)).toBe(T / 1000)
  })
})
