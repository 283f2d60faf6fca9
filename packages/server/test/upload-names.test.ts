import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { uploadName } from '../src/upload-name.ts'
import { PNG, verify } from './harness.ts'
import { stagingHarness } from './upload-harness.ts'

// Characters that change how text around them is shown without showing themselves.
const INVISIBLE = [
  ...['\u202A', '\u202B', '\u202C', '\u202D', '\u202E'], // bidi embeddings and overrides
  ...['\u2066', '\u2067', '\u2068', '\u2069'], // bidi isolates
  ...['\u200E', '\u200F', '\u061C'], // LRM, RLM, ALM
  ...['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'], // zero-width
  '\u00AD', // soft hyphen
  ...['\u0000', '\u0007', '\u001B', '\u007F', '\u009B'], // controls
]
const BREAKS = ['\t', '\n', '\r', '\u000B', '\u000C', '\u0085', '\u2028', '\u2029']

const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u
const codePoints = (text: string) => Array.from(text).length

describe('upload names', () => {
  it('reach EasyRouter without invisible characters, collapsed, normalised and cut to 200', async () => {
    const sent: (string | undefined)[] = []
    const { h } = stagingHarness({}, (body) => {
      sent.push(body.name)
    })
    await verify(h, 'alice')
    const cases: [raw: string, name: string][] = [
      ['Front\u202Egnp.tiartrop\u202C', 'Frontgnp.tiartrop'],
      [`\u2066evil\u2069${INVISIBLE.join('')}.png`, 'evil.png'],
      ['  two\t\tlines\r\nhere\u2028and\u2029there  ', 'two lines here and there'],
      ['no\u00A0\u3000break', 'no break'],
      ['cafe\u0301', 'caf\u00E9'],
      ['n'.repeat(250), 'n'.repeat(200)],
      // 201 code points; the last emoji is one code point but two UTF-16 units, kept whole.
      [`${'a'.repeat(199)}😀😀`, `${'a'.repeat(199)}😀`],
      [`${'b'.repeat(199)} \u200B x`, 'b'.repeat(199)],
    ]
    for (const [raw, name] of cases) {
      const reply = await h.as('alice').upload(PNG, `name=${encodeURIComponent(raw)}`)
      expect({ raw, status: reply.status, name: reply.body.name }).toEqual({
        raw,
        status: 201,
        name,
      })
      expect(sent.at(-1)).toBe(name)
      expect((await h.store.getAsset(reply.body.id))?.name).toBe(name)
    }

    // Nothing visible left: no name is sent at all.
    const blank = await h.as('alice').upload(PNG, `name=${encodeURIComponent('\u202E \u200B\t')}`)
    expect(blank.status).toBe(201)
    expect(sent.at(-1)).toBeUndefined()
  })

  it('removes each invisible character and turns each line break into a space', () => {
    for (const character of INVISIBLE) {
      expect({ character, name: uploadName(`a${character}b`) }).toEqual({ character, name: 'ab' })
    }
    for (const character of BREAKS) {
      expect({ character, name: uploadName(`a${character}b`) }).toEqual({ character, name: 'a b' })
    }
  })

  const nasty = fc.constantFrom(
    ...INVISIBLE,
    ...BREAKS,
    ' ',
    '\u00A0',
    'a',
    'é',
    'e',
    '\u0301',
    '\u0308',
    '😀',
    '\uD83D',
    '\uDE00',
    '\u0958', // decomposes under NFC: one code point becomes two
    '\u1100',
    '\u1161',
    '\u11A8', // Hangul jamo that NFC composes
  )
  const names = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.string({ unit: nasty, maxLength: 400 }),
  )

  it('never keeps invisible characters or line breaks, never exceeds 200 code points, and is stable', () => {
    fc.assert(
      fc.property(names, (raw) => {
        const name = uploadName(raw)
        expect(name).not.toMatch(FORBIDDEN)
        expect(codePoints(name)).toBeLessThanOrEqual(200)
        expect(name).toBe(name.normalize('NFC'))
        expect(name).toBe(name.trim())
        expect(name).not.toMatch(/\s{2}/u)
        expect(uploadName(name)).toBe(name)
      }),
      { numRuns: 2000 },
    )
  })
})
