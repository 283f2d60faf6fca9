import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildAssetUri, isAssetId, isAssetUri, parseAssetUri } from './asset-uri.ts'

const ID = 'asset-20260520153701-pgxsl'

describe('asset:// helpers', () => {
  it('builds and parses the documented reference', () => {
    expect(buildAssetUri(ID)).toBe('asset://asset-20260520153701-pgxsl')
    expect(parseAssetUri('asset://asset-20260520153701-pgxsl')).toBe(ID)
    expect(parseAssetUri('ASSET://asset-20260520153701-pgxsl')).toBe(ID)
    expect(isAssetUri(`asset://${ID}`)).toBe(true)
  })

  it.each([
    '',
    'asset-',
    '../asset-1',
    'asset-1/../../x',
    'asset-%2F',
    'asset-a.b',
    'asset-a?x=1',
    'asset-a#b',
    'group-20260520163350-ctpqc',
    ` ${ID}`,
    `${ID}\n`,
    `asset-${'x'.repeat(121)}`,
  ])('rejects the id %j', (id) => {
    expect(isAssetId(id)).toBe(false)
    expect(() => buildAssetUri(id)).toThrow(TypeError)
    expect(parseAssetUri(`asset://${id}`)).toBeNull()
  })

  it.each([null, 42, {}, 'https://example.com/a.png', `asset:/${ID}`, `asset://${ID}/x`])(
    'parses %j as not a reference',
    (value) => {
      expect(parseAssetUri(value)).toBeNull()
      expect(isAssetUri(value)).toBe(false)
    },
  )

  it('round-trips every valid id (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^asset-[A-Za-z0-9_-]{1,120}$/), (id) => {
        expect(parseAssetUri(buildAssetUri(id))).toBe(id)
      }),
    )
  })

  it('never accepts an id that could change a URL path (property)', () => {
    fc.assert(
      fc.property(fc.string(), (id) => {
        if (isAssetId(id)) expect(id).toMatch(/^asset-[A-Za-z0-9_-]+$/)
        if (/[/.%?#\\\s]/.test(id)) expect(isAssetId(id)).toBe(false)
      }),
    )
  })
})
