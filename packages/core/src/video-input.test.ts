import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { modelSupports, promptLength, validateVideoJobInput } from './video-input.ts'

const base = { model: 'dreamina-seedance-2-0', prompt: '画面中的我，穿着宇航服在月球上行走' }
const ASSET = 'asset-20260520153701-pgxsl'

const issuesOf = (input: unknown) => {
  const result = validateVideoJobInput(input)
  return result.ok ? [] : result.issues.map((issue) => `${issue.field}:${issue.code}`)
}

describe('validateVideoJobInput', () => {
  it('accepts the documented example and keeps only known fields', () => {
    const result = validateVideoJobInput({
      ...base,
      prompt: `  ${base.prompt} `,
      durationSeconds: 5,
      resolution: '720p',
      ratio: '16:9',
      seed: 42,
      generateAudio: true,
      watermark: false,
      references: [{ assetId: ASSET, role: 'first_frame' }],
      extra: 'dropped',
    })
    expect(result).toEqual({
      ok: true,
      value: {
        ...base,
        durationSeconds: 5,
        resolution: '720p',
        ratio: '16:9',
        seed: 42,
        generateAudio: true,
        watermark: false,
        references: [{ assetId: ASSET, role: 'first_frame' }],
      },
    })
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
