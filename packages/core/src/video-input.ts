import { isAssetId } from './asset-uri.ts'
import {
  VIDEO_LIMITS,
  VIDEO_MODELS,
  VIDEO_RATIOS,
  VIDEO_REFERENCE_ROLES,
  VIDEO_RESOLUTIONS,
  type VideoJobInput,
  type VideoModel,
  type VideoResolution,
} from './video.ts'

/**
 * One problem with a video request, tied to the field a form should mark.
 *
 * @example
 * ```ts
 * issues.find((issue) => issue.field === 'prompt')?.message
 * ```
 */
export interface VideoInputIssue {
  /** `model`, `prompt`, `durationSeconds`, `references[0].assetId`, ... */
  field: string
  code: 'required' | 'invalid' | 'too_long' | 'out_of_range' | 'unsupported' | 'duplicate'
  /** An English explanation; UIs translate by `field` and `code`. */
  message: string
}

/** The result of {@link validateVideoJobInput}. */
export type VideoInputValidation =
  { ok: true; value: VideoJobInput } | { ok: false; issues: VideoInputIssue[] }

/**
 * Checks a video request against Seedance 2.0's limits before anything is sent: a known model,
 * a non-empty prompt within {@link VIDEO_LIMITS}.promptMaxLength characters, a whole duration
 * in range, a resolution the model supports, a known ratio, an integer seed in range, booleans
 * for the switches, and well-formed, distinct asset references. On success `value` holds only
 * the known fields, with the prompt trimmed. Whether the assets are the caller's own `Active`
 * ones is for the server to check.
 *
 * @example
 * ```ts
 * const result = validateVideoJobInput(formValues)
 * if (!result.ok) showErrors(result.issues)
 * ```
 */
export function validateVideoJobInput(input: unknown): VideoInputValidation {
  // Anything but an object has none of the fields, so the required ones are missing. Only the
  // object's own fields count, as for each reference below: one inherited from a prototype
  // (a polluted `Object.prototype` too) was not sent.
  const raw: Record<string, unknown> = { ...(typeof input === 'object' && input) }
  const value: Record<string, unknown> = {}
  const issues: VideoInputIssue[] = []
  const add = (field: string, code: VideoInputIssue['code'], message: string) => {
    issues.push({ field, code, message })
  }
  const { promptMaxLength, minDurationSeconds, maxDurationSeconds, minSeed, maxSeed } = VIDEO_LIMITS
  const flag: Rule = ['invalid', 'Use true or false.', (given) => typeof given === 'boolean']
  // One row per field, in the order issues are reported: the field, then the code and message
  // of an issue with its value and the test the value must pass, then the message when a
  // required field is missing. A blank prompt counts as missing; a kept prompt is trimmed.
  const rows: [field: keyof VideoJobInput, ...rule: Rule, required?: string][] = [
    ['model', ...oneOf(VIDEO_MODELS), 'Choose a model.'],
    [
      'prompt',
      'too_long',
      `Use at most ${promptMaxLength} characters.`,
      (given) => promptLength(given as string) <= promptMaxLength,
      'Describe the video.',
    ],
    ['durationSeconds', ...wholeIn(minDurationSeconds, maxDurationSeconds)],
    [
      'resolution',
      'unsupported',
      `Use one of ${VIDEO_RESOLUTIONS.join(', ')} that the model supports.`,
      (given) =>
        isIn(VIDEO_RESOLUTIONS, given) &&
        (!value.model || modelSupports(value.model as VideoModel, given as VideoResolution)),
    ],
    ['ratio', ...oneOf(VIDEO_RATIOS)],
    ['seed', ...wholeIn(minSeed, maxSeed)],
    ['generateAudio', ...flag],
    ['watermark', ...flag],
  ]
  for (const [field, code, message, test, required] of rows) {
    const given =
      field === 'prompt'
        ? (typeof raw.prompt === 'string' && raw.prompt.trim()) || undefined
        : raw[field]
    if (given === undefined) {
      if (required) add(field, 'required', required)
    } else if (test(given)) value[field] = given
    else add(field, code, message)
  }

  const references = raw.references
  if (!Array.isArray(references)) {
    if (references !== undefined) add('references', 'invalid', 'Use a list.')
  } else if (references.length > VIDEO_LIMITS.maxReferences) {
    add('references', 'out_of_range', `Use at most ${VIDEO_LIMITS.maxReferences} references.`)
  } else {
    const [code, message, known] = oneOf(VIDEO_REFERENCE_ROLES)
    const seen = new Set()
    // Array.from visits the holes of a sparse list too, so a missing item is reported.
    value.references = Array.from(references, (item: unknown, index) => {
      const { assetId, role } = { ...(item as object) } as Record<string, unknown>
      const field = `references[${index}].`
      if (!isAssetId(assetId)) add(`${field}assetId`, 'invalid', 'Not an asset id.')
      else if (seen.has(assetId)) add(`${field}assetId`, 'duplicate', 'Already referenced.')
      seen.add(assetId)
      if (role !== undefined && !known(role)) add(`${field}role`, code, message)
      return { assetId, role }
    })
  }

  return issues.length > 0
    ? { ok: false, issues }
    : { ok: true, value: value as unknown as VideoJobInput }
}

// What a field's value must be: the issue's code and message when it is not, and the test.
type Rule = [code: VideoInputIssue['code'], message: string, test: (given: unknown) => boolean]

const oneOf = (list: readonly string[]): Rule => [
  'unsupported',
  `Use one of ${list.join(', ')}.`,
  (given) => isIn(list, given),
]

const isIn = (list: readonly string[], given: unknown) => list.includes(given as string)

const wholeIn = (min: number, max: number): Rule => [
  'out_of_range',
  `Use a whole number from ${min} to ${max}.`,
  (given) => Number.isInteger(given) && (given as number) >= min && (given as number) <= max,
]

/**
 * Whether a model can render a resolution (the fast model stops at 720p).
 *
 * @example
 * ```ts
 * modelSupports('dreamina-seedance-2-0-fast', '1080p') // false
 * ```
 */
export function modelSupports(
  model: VideoJobInput['model'],
  resolution: NonNullable<VideoJobInput['resolution']>,
): boolean {
  const max = VIDEO_LIMITS.maxResolutionByModel[model]
  return VIDEO_RESOLUTIONS.indexOf(resolution) <= VIDEO_RESOLUTIONS.indexOf(max)
}

/**
 * The length of a prompt as the limits count it: in Unicode code points, so a Chinese
 * character or an emoji is one, not two UTF-16 units.
 *
 * @example
 * ```ts
 * promptLength('画面中的我') // 5
 * ```
 */
export function promptLength(prompt: string): number {
  return Array.from(prompt).length
}
