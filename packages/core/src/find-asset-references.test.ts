import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findAssetReferences } from './asset-uri.ts'

const ID = 'asset-20260520153701-pgxsl'
const tokens = (value: unknown) =>
  findAssetReferences(value).references.map(({ token, assetId }) => [token, assetId])

describe('findAssetReferences', () => {
  it('finds references anywhere in a job, with the path of each', () => {
    const job = {
      model: 'dreamina-seedance-2-0',
      prompt: `me (asset://${ID}) on the moon, then ASSET://asset-2 again`,
      references: [{ assetId: ID }, { assetId: 'asset://asset-3' }],
      metadata: {
        content: [
          { type: 'text', text: 'hello' },
          { type: 'image_url', image_url: { url: `asset://${ID}` }, role: 'first_frame' },
        ],
        'odd key': ['asset://asset-4'],
        'asset://asset-5': true,
      },
    }
    expect(findAssetReferences(job)).toEqual({
      references: [
        { path: 'prompt', token: `asset://${ID}`, assetId: ID },
        { path: 'prompt', token: 'ASSET://asset-2', assetId: 'asset-2' },
        { path: 'references[1].assetId', token: 'asset://asset-3', assetId: 'asset-3' },
        { path: 'metadata.content[1].image_url.url', token: `asset://${ID}`, assetId: ID },
        { path: 'metadata["odd key"][0]', token: 'asset://asset-4', assetId: 'asset-4' },
        { path: 'metadata["asset://asset-5"]', token: 'asset://asset-5', assetId: 'asset-5' },
      ],
      incomplete: null,
    })
  })

  it('reports the value itself at the empty path, and finds nothing in other values', () => {
    expect(findAssetReferences(`asset://${ID}`).references).toEqual([
      { path: '', token: `asset://${ID}`, assetId: ID },
    ])
    for (const value of [null, undefined, 42, true, 10n, Symbol('asset://asset-1'), () => 1]) {
      expect(findAssetReferences(value)).toEqual({ references: [], incomplete: null })
    }
  })

  it.each([
    ['fullwidth', 'ａｓｓｅｔ：／／', 'ａｓｓｅｔ：／／asset-1'],
    ['mixed case', 'AsSeT://', 'AsSeT://asset-1'],
    ['a zero-width space', 'as\u200Bset://', 'as\u200Bset://asset-1'],
    ['joiners and a BOM', 'a\u200Dss\u200Ce\uFEFFt://', 'a\u200Dss\u200Ce\uFEFFt://asset-1'],
    ['a soft hyphen', 'as\u00ADset://', 'as\u00ADset://asset-1'],
    ['bidi controls', '\u202Easset\u202C:\u2066//', 'asset\u202C:\u2066//asset-1'],
    ['a tag character', 'asset\u{E0041}://', 'asset\u{E0041}://asset-1'],
    ['a line break', 'asset:\n//', 'asset:\n//asset-1'],
    ['percent-encoding', 'asset%3A%2F%2F', 'asset%3A%2F%2Fasset-1'],
    ['lower-case percent-encoding', 'asset%3a%2f%5c', 'asset%3a%2f%5casset-1'],
    ['nested percent-encoding', 'asset%253A%25252F', 'asset%253A%25252Fasset-1'],
    ['an escape completed by an escape', 'asset:%2%46%2%46', 'asset:%2%46%2%46asset-1'],
    ['encoded letters', '%61sset://', '%61sset://asset-1'],
    ['fullwidth percent-encoding', 'asset％３Ａ//', 'asset％３Ａ//asset-1'],
    ['one slash', 'asset:/', 'asset:/asset-1'],
    ['backslashes', 'asset:\\\\', 'asset:\\\\asset-1'],
    ['many slashes', 'asset:/\\//', 'asset:/\\//asset-1'],
  ])('sees through %s', (_name, scheme, token) => {
    expect(tokens(`look: ${scheme}asset-1.`)).toEqual([[token, 'asset-1']])
  })

  it.each([
    'my asset: the house',
    'asset:asset-1',
    'asset :// asset-1',
    'asset: //asset-1',
    'an assets list',
    'asset-20260520153701-pgxsl',
    'assetto://asset-1',
    'as set://asset-1',
    '100%ABasset',
  ])('leaves prose and bare ids alone: %j', (text) => {
    expect(tokens(text)).toEqual([])
  })

  it.each([
    ['no id', 'asset://', 'asset://'],
    ['not an id', 'asset://../etc/passwd', 'asset://'],
    ['a group id', 'asset://group-1', 'asset://group-1'],
    ['an upper-case prefix', 'asset://ASSET-1', 'asset://ASSET-1'],
    ['a bare prefix', 'asset://asset-', 'asset://asset-'],
    ['an overlong id', `asset://asset-${'x'.repeat(121)}`, `asset://asset-${'x'.repeat(121)}`],
    ['an invisible character in the id', 'asset://asset-1\u200B2', 'asset://asset-1\u200B2'],
    ['a fullwidth id', 'asset://ａｓｓｅｔ-１', 'asset://ａｓｓｅｔ-１'],
    ['an encoded id character', 'asset://asset-1%32', 'asset://asset-1%32'],
    ['a compatibility character in the id', 'asset://asset-1㎏', 'asset://asset-1㎏'],
  ])('reports a malformed token (%s) with a null id', (_name, text, token) => {
    expect(tokens(`${text} `)).toEqual([[token, null]])
  })

  it('stops at the end of the id', () => {
    expect(tokens(`asset://${ID}/x asset://${ID}?a asset://${ID}.png`)).toEqual([
      [`asset://${ID}`, ID],
      [`asset://${ID}`, ID],
      [`asset://${ID}`, ID],
    ])
  })

  it('stops after `limit` tokens and says so', () => {
    const many = Array.from({ length: 150 }, (_, i) => `asset://asset-${i}`)
    const search = findAssetReferences({ prompt: many.join(' ') })
    expect(search.incomplete).toBe('too_many')
    expect(search.references).toHaveLength(100)
    expect(findAssetReferences(many, { limit: 3 })).toMatchObject({
      references: [{ path: '[0]' }, { path: '[1]' }, { path: '[2]' }],
      incomplete: 'too_many',
    })
    expect(findAssetReferences(many.slice(0, 3), { limit: 3 }).incomplete).toBeNull()
  })

  it('bounds nesting, and says so', () => {
    const nested = (depth: number) => {
      let value: unknown = `asset://${ID}`
      for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value }
      return value
    }
    expect(findAssetReferences(nested(32))).toMatchObject({
      references: [{ assetId: ID }],
      incomplete: null,
    })
    expect(findAssetReferences(nested(33))).toEqual({ references: [], incomplete: 'too_deep' })
    expect(findAssetReferences(nested(100_000)).incomplete).toBe('too_deep')
    expect(findAssetReferences(nested(4), { maxDepth: 3 }).incomplete).toBe('too_deep')
    // A cycle is not JSON, but it ends the same way.
    const cycle: unknown[] = []
    cycle.push(cycle)
    expect(findAssetReferences(cycle).incomplete).toBe('too_deep')
  })

  it('reads prototype-looking keys as plain keys', () => {
    const parsed: unknown = JSON.parse(
      '{"__proto__": {"url": "asset://asset-1"}, "constructor": "asset://asset-2"}',
    )
    expect(findAssetReferences(parsed).references).toEqual([
      { path: '__proto__.url', token: 'asset://asset-1', assetId: 'asset-1' },
      { path: 'constructor', token: 'asset://asset-2', assetId: 'asset-2' },
    ])
  })

  it('finds a token at the end of a long prompt', () => {
    const prompt = `${'画面中的我 😀 %41%'.repeat(10_000)}as\u200Bset://${ID}`
    expect(tokens({ prompt })).toEqual([[`as\u200Bset://${ID}`, ID]])
    expect(tokens('%25'.repeat(50_000))).toEqual([])
    // Each escape decodes to a digit that completes the escape before it, 50,000 deep.
    expect(tokens(`${'%3'.repeat(50_000)}3`)).toEqual([])
  })
})

// Ways to write each character of `asset:` and each slash so that a sloppy reader still sees
// `asset://`: case, fullwidth forms, percent-escapes (nested too), invisible characters around.
const INVISIBLES = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u202E',
  '\u2066',
  '\u034F',
  '\uFE0F',
  '\u{E0020}',
  '\t',
  '\n',
  '%09',
  '%7f',
]
const fullwidth = (char: string) => String.fromCharCode(char.charCodeAt(0) + 0xfee0)
const percent = (char: string) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`
const disguise = (char: string) =>
  fc
    .tuple(
      fc.constantFrom(
        char,
        char.toUpperCase(),
        fullwidth(char),
        fullwidth(char.toUpperCase()),
        percent(char),
        percent(char).toUpperCase(),
        `%25${percent(char).slice(1)}`,
      ),
      fc.array(fc.constantFrom(...INVISIBLES), { maxLength: 2 }),
    )
    .map(([written, invisible]) => written + invisible.join(''))
const scheme = fc
  .tuple(
    ...Array.from('asset:', disguise),
    fc.array(fc.oneof(disguise('/'), disguise('\\'), fc.constantFrom('／', '＼', '%2f', '%255C')), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map((parts) => parts.flat().join(''))
const assetId = fc.stringMatching(/^asset-[A-Za-z0-9_-]{1,40}$/)
// Text around a token that cannot start one or lengthen its id.
const prose = fc.string({
  unit: fc.constantFrom(' ', 'x', 'y', '.', ',', '中', '😀', '\u200B', 'ｚ'),
  maxLength: 20,
})

describe('findAssetReferences (properties)', () => {
  it('finds a disguised token with its id and its text as written', () => {
    fc.assert(
      fc.property(prose, scheme, assetId, prose, (before, written, id, after) => {
        const token = `${written}${id}`
        const text = `${before}${token} ${after}`
        expect(findAssetReferences({ prompt: text }).references).toEqual([
          { path: 'prompt', token, assetId: id },
        ])
      }),
    )
  })

  it('finds the same token again in the text it reports', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'binary' }), scheme, assetId)).map((p) => p.join('')),
        (text) => {
          for (const { token, assetId } of findAssetReferences(text).references) {
            expect(findAssetReferences(token).references).toEqual([{ path: '', token, assetId }])
          }
        },
      ),
    )
  })

  it('never finds a token in text without an s in any form', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        fc.pre(!/[s%]/i.test(text.normalize('NFKC')))
        expect(findAssetReferences(text).references).toEqual([])
      }),
    )
  })

  it('never counts `asset:` without a slash after it', () => {
    fc.assert(
      fc.property(
        prose,
        fc.constantFrom('asset:', 'Asset:', 'ASSET：'),
        fc.string({ unit: fc.constantFrom(' ', 'a', 'h', '-', '1', '.', ':', '中') }),
        (before, word, after) => {
          expect(findAssetReferences(`${before}${word}${after}`).references).toEqual([])
        },
      ),
    )
  })

  it('never throws on any value, and keeps to its limits', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.anything({ withMap: true, withSet: true, withDate: true })),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        (value, limit, maxDepth) => {
          const search = findAssetReferences(value, { limit, maxDepth })
          expect(search.references.length).toBeLessThanOrEqual(limit)
          for (const { token, assetId } of search.references) {
            expect(token).not.toBe('')
            if (assetId !== null) expect(token.endsWith(assetId)).toBe(true)
          }
          expect(findAssetReferences(value).incomplete).not.toBe('too_deep')
        },
      ),
    )
  })

  it('finds every token planted in a nested value, at its path', () => {
    // A tree of objects and arrays with a token in some leaves, and each token's path.
    interface Planted {
      value: unknown
      found: [path: string, id: string][]
    }
    const under = (prefix: string, { found }: Planted): Planted['found'] =>
      found.map(([path, id]) => [`${prefix}${path}`, id])
    const leaf = fc.oneof(
      assetId.map((id): Planted => ({ value: `see asset://${id} here`, found: [['', id]] })),
      fc.string().map((text): Planted => ({ value: text.replace(/[s%]/gi, ''), found: [] })),
    )
    const tree = fc.letrec<{ node: Planted }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('node'), { maxLength: 4 }).map((items): Planted => ({
          value: items.map((item) => item.value),
          found: items.flatMap((item, index) => under(`[${index}]`, item)),
        })),
        fc
          .dictionary(fc.stringMatching(/^[a-z]{1,5}$/), tie('node'), { maxKeys: 4 })
          .map((entries): Planted => ({
            value: Object.fromEntries(
              Object.entries(entries).map(([key, item]) => [key, item.value]),
            ),
            found: Object.entries(entries).flatMap(([key, item]) => under(`.${key}`, item)),
          })),
      ),
    })).node
    fc.assert(
      fc.property(tree, ({ value, found }) => {
        const search = findAssetReferences(value, { maxDepth: 1000, limit: 1000 })
        expect(search.incomplete).toBeNull()
        expect(search.references.map(({ path, assetId }) => [path, assetId])).toEqual(
          found.map(([path, id]) => [path.replace(/^\./, ''), id]),
        )
      }),
    )
  })
})
