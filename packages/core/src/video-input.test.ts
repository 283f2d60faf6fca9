import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isAssetId } from './asset-uri.ts'
import { modelSupports, promptLength, validateVideoJobInput } from './video-input.ts'
import { VIDEO_RATIOS, type VideoJobInput } from './video.ts'

const base = { model: 'dreamina-seedance-2-0', prompt: '画面中的我，穿着宇航服在月球上行走' }
const ASSET = 'asset-20260520153701-pgxsl'

const issuesOf = (input: unknown) => {
  const result = validateVideoJobInput(input)
  return result.ok ? [] : result.issues.map((issue) => `${issue.field}:${issue.code}`)
}

describe('validateVideoJobInput', () => {
  it('accepts the documented example and keeps only known fields', () => {
    const example = {
      ...base,
      durationSeconds: 5,
      resolution: '720p',
      ratio: '16:9',
      seed: 42,
      generateAudio: true,
      watermark: false,
      references: [{ assetId: ASSET, role: 'first_frame' }],
    }
    const result = validateVideoJobInput({
      ...example,
      prompt: `  ${base.prompt} `,
      extra: 'dropped',
    })
    expect(result).toEqual({ ok: true, value: example })
  })

  it.each([
    [{}, ['model:required', 'prompt:required']],
    [{ ...base, model: 'sora-2' }, ['model:unsupported']],
    [{ ...base, prompt: '   ' }, ['prompt:required']],
    [{ ...base, prompt: 'x'.repeat(2001) }, ['prompt:too_long']],
    [{ ...base, durationSeconds: 3 }, ['durationSeconds:out_of_range']],
    [{ ...base, durationSeconds: 16 }, ['durationSeconds:out_of_range']],
    [{ ...base, durationSeconds: 5.5 }, ['durationSeconds:out_of_range']],
    [{ ...base, durationSeconds: '5' }, ['durationSeconds:out_of_range']],
    [{ ...base, resolution: '4k' }, ['resolution:unsupported']],
    [
      { ...base, model: 'dreamina-seedance-2-0-fast', resolution: '1080p' },
      ['resolution:unsupported'],
    ],
    [{ ...base, ratio: '5:4' }, ['ratio:unsupported']],
    [{ ...base, seed: -2 }, ['seed:out_of_range']],
    [{ ...base, seed: 4_294_967_296 }, ['seed:out_of_range']],
    [{ ...base, seed: 1.5 }, ['seed:out_of_range']],
    [{ ...base, generateAudio: 'yes' }, ['generateAudio:invalid']],
    [{ ...base, watermark: 1 }, ['watermark:invalid']],
    [{ ...base, references: 'asset://x' }, ['references:invalid']],
    [{ ...base, references: [{ assetId: '../x' }] }, ['references[0].assetId:invalid']],
    [
      { ...base, references: [{ assetId: ASSET }, { assetId: ASSET }] },
      ['references[1].assetId:duplicate'],
    ],
    [
      { ...base, references: [{ assetId: ASSET, role: 'hero' }] },
      ['references[0].role:unsupported'],
    ],
    [
      { ...base, references: Array.from({ length: 10 }, (_, i) => ({ assetId: `asset-${i}` })) },
      ['references:out_of_range'],
    ],
  ])('reports %j', (input, expected) => {
    expect(issuesOf(input)).toEqual(expected)
  })

  it.each([null, 'prompt', [], 42])('refuses a non-object %j', (input) => {
    expect(validateVideoJobInput(input)).toMatchObject({ ok: false })
  })

  it('counts prompt length in code points', () => {
    expect(promptLength('画面中的我')).toBe(5)
    expect(promptLength('😀😀')).toBe(2)
    expect(issuesOf({ ...base, prompt: '画'.repeat(2000) })).toEqual([])
    expect(issuesOf({ ...base, prompt: '😀'.repeat(2000) })).toEqual([])
  })

  it('knows which model renders which resolution', () => {
    expect(modelSupports('dreamina-seedance-2-0', '1080p')).toBe(true)
    expect(modelSupports('dreamina-seedance-2-0-fast', '720p')).toBe(true)
    expect(modelSupports('dreamina-seedance-2-0-fast', '1080p')).toBe(false)
  })

  it('never throws, and whatever it accepts it accepts again unchanged (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = validateVideoJobInput(input)
        if (result.ok) expect(validateVideoJobInput(result.value)).toEqual(result)
      }),
    )
    fc.assert(
      fc.property(
        fc.record({
          model: fc.constantFrom('dreamina-seedance-2-0', 'dreamina-seedance-2-0-fast', 'x'),
          prompt: fc.string(),
          durationSeconds: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
          seed: fc.option(fc.integer(), { nil: undefined }),
        }),
        (input) => {
          const result = validateVideoJobInput(input)
          if (result.ok) expect(validateVideoJobInput(result.value)).toEqual(result)
        },
      ),
    )
  })
})

const MODELS = ['dreamina-seedance-2-0', 'dreamina-seedance-2-0-fast'] as const
const KNOWN_FIELDS = [
  'model',
  'prompt',
  'durationSeconds',
  'resolution',
  'ratio',
  'seed',
  'generateAudio',
  'watermark',
  'references',
]
// Prompts a person or an attacker might send: any text, astral and combining characters, lone
// surrogates, invisible and space characters, around the length limit.
const prompt = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u3000', '\u00A0', '\uFEFF', '\u200B') }),
  fc
    .tuple(
      fc.constantFrom('画', '😀', 'x', 'e\u0301', '\uD800', '\u200B'),
      fc.integer({ min: 1990, max: 2010 }),
      fc.constantFrom('', ' ', '  \n'),
    )
    .map(([unit, count, pad]) => `${pad}${unit.repeat(count)}${pad}`),
)
const reference = fc.record(
  {
    assetId: fc.oneof(fc.stringMatching(/^asset-[A-Za-z0-9_-]{1,20}$/), fc.string()),
    role: fc.oneof(fc.constantFrom('reference_image', 'first_frame', 'last_frame'), fc.string()),
  },
  { requiredKeys: ['assetId'] },
)
const request = fc.record(
  {
    model: fc.oneof(fc.constantFrom(...MODELS), fc.anything()),
    prompt: fc.oneof(prompt, fc.anything()),
    durationSeconds: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double(), fc.anything()),
    resolution: fc.oneof(fc.constantFrom('480p', '720p', '1080p', '4k'), fc.anything()),
    ratio: fc.oneof(fc.constantFrom('16:9', '9:16', 'adaptive', '5:4'), fc.anything()),
    seed: fc.oneof(fc.integer({ min: -2, max: 2 ** 32 }), fc.double(), fc.bigInt()),
    generateAudio: fc.oneof(fc.boolean(), fc.anything()),
    watermark: fc.oneof(fc.boolean(), fc.anything()),
    references: fc.oneof(
      fc.array(reference, { maxLength: 10 }),
      fc.sparseArray(reference, { maxLength: 4 }),
      fc.anything(),
    ),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
)
const hostile = fc.oneof(
  request,
  fc.anything({
    withNullPrototype: true,
    withSparseArray: true,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withDate: true,
    withBigInt: true,
  }),
)

/** What every accepted request must be: known fields only, each well-formed. */
function expectWellFormed(value: VideoJobInput) {
  for (const key of Object.keys(value)) expect(KNOWN_FIELDS).toContain(key)
  expect(MODELS).toContain(value.model)
  expect(value.prompt).toBe(value.prompt.trim())
  expect(value.prompt).not.toBe('')
  expect(promptLength(value.prompt)).toBeLessThanOrEqual(2000)
  const references = value.references ?? []
  expect(references.length).toBeLessThanOrEqual(9)
  expect(new Set(references.map((item) => item.assetId)).size).toBe(references.length)
  for (let index = 0; index < references.length; index++) {
    expect(index in references).toBe(true)
    const item = references[index]!
    for (const key of Object.keys(item)) expect(['assetId', 'role']).toContain(key)
    expect(isAssetId(item.assetId)).toBe(true)
    if (item.role !== undefined) {
      expect(['reference_image', 'first_frame', 'last_frame']).toContain(item.role)
    }
  }
}

describe('validateVideoJobInput (hostile input properties)', () => {
  it('never throws on any value; whatever it accepts is well-formed', () => {
    fc.assert(
      fc.property(hostile, (input) => {
        const result = validateVideoJobInput(input)
        if (result.ok) expectWellFormed(result.value)
        else expect(result.issues.length).toBeGreaterThan(0)
      }),
    )
  })

  it('accepts only well-formed requests among nearly valid ones', () => {
    const nearlyValid = fc.record(
      {
        model: fc.constantFrom(...MODELS),
        prompt,
        durationSeconds: fc.integer({ min: 3, max: 16 }),
        resolution: fc.constantFrom('480p', '720p', '1080p'),
        seed: fc.integer({ min: -1, max: 2 ** 32 - 1 }),
        watermark: fc.boolean(),
        references: fc.oneof(
          fc.uniqueArray(reference, { maxLength: 9, selector: (item) => item.assetId }),
          fc.sparseArray(reference, { maxLength: 9 }),
        ),
        extra: fc.anything(),
      },
      { requiredKeys: ['model', 'prompt'] },
    )
    fc.assert(
      fc.property(nearlyValid, (input) => {
        const result = validateVideoJobInput(input)
        if (result.ok) expectWellFormed(result.value)
      }),
    )
  })

  it('keeps a prompt exactly when it is not blank and fits, counted in code points', () => {
    fc.assert(
      fc.property(prompt, (text) => {
        const result = validateVideoJobInput({ model: MODELS[0], prompt: text })
        const trimmed = text.trim()
        if (trimmed === '') {
          expect(issuesOf({ model: MODELS[0], prompt: text })).toEqual(['prompt:required'])
        } else if (Array.from(trimmed).length > 2000) {
          expect(issuesOf({ model: MODELS[0], prompt: text })).toEqual(['prompt:too_long'])
        } else {
          expect(result).toEqual({ ok: true, value: { model: MODELS[0], prompt: trimmed } })
        }
      }),
    )
  })

  it('names every field it refuses', () => {
    // For each field, values that must be refused.
    const invalid: Record<string, fc.Arbitrary<unknown>> = {
      model: fc.anything().filter((given) => !MODELS.includes(given as never)),
      prompt: fc.oneof(fc.constantFrom('', ' \n\t'), fc.constant('x'.repeat(2001))),
      durationSeconds: fc.oneof(
        fc.integer().filter((n) => n < 4 || n > 15),
        fc.double().filter((n) => !Number.isInteger(n)),
        fc.string(),
        fc.constant(null),
      ),
      resolution: fc.string().filter((given) => !['480p', '720p', '1080p'].includes(given)),
      ratio: fc
        .oneof(fc.string(), fc.integer(), fc.constant(null))
        .filter((given) => !(VIDEO_RATIOS as readonly unknown[]).includes(given)),
      seed: fc.oneof(
        fc.integer({ max: -2 }),
        fc.constant(2 ** 32),
        fc.double().filter((n) => !Number.isInteger(n)),
        fc.bigInt(),
      ),
      // (`undefined` leaves a field out, which is allowed.)
      generateAudio: fc
        .anything()
        .filter((given) => given !== undefined && typeof given !== 'boolean'),
      watermark: fc.anything().filter((given) => given !== undefined && typeof given !== 'boolean'),
      references: fc.oneof(
        fc.anything().filter((given) => given !== undefined && !Array.isArray(given)),
        fc.array(reference, { minLength: 10, maxLength: 12 }),
      ),
    }
    const oneInvalidField = fc
      .constantFrom(...Object.entries(invalid))
      .chain(([field, given]) => given.map((value) => [field, value] as const))
    fc.assert(
      fc.property(oneInvalidField, ([field, given]) => {
        const result = validateVideoJobInput({ ...base, [field]: given })
        expect(result.ok).toBe(false)
        if (!result.ok) expect(result.issues.map((issue) => issue.field)).toContain(field)
      }),
    )
    // A bad reference is named by its index, whatever the others hold.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.anything().filter((given) => !isAssetId(given)),
        fc.boolean(),
        (index, bad, wrapped) => {
          const references: unknown[] = Array.from({ length: 9 }, (_, i) => ({
            assetId: `asset-${i}`,
          }))
          references[index] = wrapped ? { assetId: bad } : bad
          expect(issuesOf({ ...base, references })).toContain(
            `references[${index}].assetId:invalid`,
          )
        },
      ),
    )
  })

  it('reports a hole in a sparse list of references (regression)', () => {
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    expect(issuesOf({ ...base, references: [, { assetId: ASSET }] })).toEqual([
      'references[0].assetId:invalid',
    ])
    fc.assert(
      fc.property(fc.sparseArray(fc.constant(null), { maxLength: 9 }), (sparse) => {
        const references = sparse.map((_, i) => ({ assetId: `asset-${i}` }))
        const holes = sparse.length - Object.keys(references).length
        const result = validateVideoJobInput({ ...base, references })
        expect(result.ok).toBe(holes === 0)
      }),
    )
  })

  it('reads only the fields the object has, never inherited ones (regression)', () => {
    const inherited = Object.create({ ...base, watermark: true, references: [{ assetId: ASSET }] })
    expect(issuesOf(inherited)).toEqual(['model:required', 'prompt:required'])
    const own = Object.assign(Object.create({ watermark: 'yes', seed: 1.5 }), base)
    expect(validateVideoJobInput(own)).toEqual({ ok: true, value: { ...base } })
  })

  it('reads __proto__ and constructor keys as plain, unknown keys', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort()
    const polluting: unknown = JSON.parse(
      `{"__proto__": {"model": "${MODELS[0]}", "prompt": "x", "polluted": true},
        "constructor": {"prototype": {"polluted": true}},
        "prototype": {"polluted": true}}`,
    )
    expect(issuesOf(polluting)).toEqual(['model:required', 'prompt:required'])
    const withBase: unknown = JSON.parse(
      `{"model": "${MODELS[0]}", "prompt": "x", "__proto__": {"watermark": "yes"},
        "references": [{"__proto__": {"assetId": "${ASSET}"}, "constructor": "x"},
                      {"assetId": "${ASSET}", "__proto__": {"role": "hero"}}]}`,
    )
    expect(issuesOf(withBase)).toEqual(['references[0].assetId:invalid'])
    const result = validateVideoJobInput({
      ...(withBase as object),
      references: [{ assetId: ASSET, constructor: 1, __proto__: null }],
    })
    expect(result).toEqual({
      ok: true,
      value: { model: MODELS[0], prompt: 'x', references: [{ assetId: ASSET, role: undefined }] },
    })
    if (result.ok) {
      expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype)
      expect(Object.keys(result.value)).toEqual(['model', 'prompt', 'references'])
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
