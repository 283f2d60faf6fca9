import { isAssetId } from './asset-uri.ts'
import {
  VIDEO_LIMITS,
  VIDEO_MODELS,
  VIDEO_RATIOS,
  VIDEO_REFERENCE_ROLES,
  VIDEO_RESOLUTIONS,
  type VideoJobInput,
  type VideoReference,
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
  const issues: VideoInputIssue[] = []
  const add = (field: string, code: VideoInputIssue['code'], message: string) => {
    issues.push({ field, code, message })
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ field: '', code: 'invalid', message: 'Expected an object.' }] }
  }
  const raw = input as Record<string, unknown>
  const value: Partial<VideoJobInput> = {}

  if (raw.model === undefined) add('model', 'required', 'Choose a model.')
  else if (!includes(VIDEO_MODELS, raw.model)) {
    add('model', 'unsupported', `Model must be one of ${VIDEO_MODELS.join(', ')}.`)
  } else value.model = raw.model

  if (typeof raw.prompt !== 'string' || raw.prompt.trim() === '') {
    add('prompt', 'required', 'Describe the video.')
  } else if (promptLength(raw.prompt.trim()) > VIDEO_LIMITS.promptMaxLength) {
    add('prompt', 'too_long', `Keep the prompt to ${VIDEO_LIMITS.promptMaxLength} characters.`)
  } else value.prompt = raw.prompt.trim()

  if (raw.durationSeconds !== undefined) {
    const { minDurationSeconds: min, maxDurationSeconds: max } = VIDEO_LIMITS
    if (!isIntegerIn(raw.durationSeconds, min, max)) {
      add(
        'durationSeconds',
        'out_of_range',
        `Duration must be a whole number from ${min} to ${max} seconds.`,
      )
    } else value.durationSeconds = raw.durationSeconds
  }

  if (raw.resolution !== undefined) {
    if (!includes(VIDEO_RESOLUTIONS, raw.resolution)) {
      add('resolution', 'unsupported', `Resolution must be one of ${VIDEO_RESOLUTIONS.join(', ')}.`)
    } else if (value.model && !modelSupports(value.model, raw.resolution)) {
      const max = VIDEO_LIMITS.maxResolutionByModel[value.model]
      add('resolution', 'unsupported', `${value.model} goes up to ${max}.`)
    } else value.resolution = raw.resolution
  }

  if (raw.ratio !== undefined) {
    if (!includes(VIDEO_RATIOS, raw.ratio)) {
      add('ratio', 'unsupported', `Ratio must be one of ${VIDEO_RATIOS.join(', ')}.`)
    } else value.ratio = raw.ratio
  }

  if (raw.seed !== undefined) {
    if (!isIntegerIn(raw.seed, VIDEO_LIMITS.minSeed, VIDEO_LIMITS.maxSeed)) {
      add(
        'seed',
        'out_of_range',
        `Seed must be a whole number from ${VIDEO_LIMITS.minSeed} to ${VIDEO_LIMITS.maxSeed}.`,
      )
    } else value.seed = raw.seed
  }

  for (const flag of ['generateAudio', 'watermark'] as const) {
    if (raw[flag] === undefined) continue
    if (typeof raw[flag] !== 'boolean') add(flag, 'invalid', `${flag} must be true or false.`)
    else value[flag] = raw[flag]
  }

  if (raw.references !== undefined) {
    const references = checkReferences(raw.references, add, issues)
    if (references) value.references = references
  }

  if (issues.length > 0) return { ok: false, issues }
  return { ok: true, value: value as VideoJobInput }
}

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

function checkReferences(
  raw: unknown,
  add: (field: string, code: VideoInputIssue['code'], message: string) => void,
  issues: readonly VideoInputIssue[],
): VideoReference[] | undefined {
  if (!Array.isArray(raw)) {
    add('references', 'invalid', 'References must be a list.')
    return undefined
  }
  if (raw.length > VIDEO_LIMITS.maxReferences) {
    add('references', 'out_of_range', `Use at most ${VIDEO_LIMITS.maxReferences} references.`)
    return undefined
  }
  const seen = new Set<string>()
  const references: VideoReference[] = []
  const before = issues.length
  for (const [index, item] of raw.entries()) {
    const field = `references[${index}]`
    const reference =
      typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {}
    if (!isAssetId(reference.assetId)) {
      add(`${field}.assetId`, 'invalid', 'Not an asset id.')
    } else if (seen.has(reference.assetId)) {
      add(`${field}.assetId`, 'duplicate', 'This asset is already referenced.')
    } else if (reference.role !== undefined && !includes(VIDEO_REFERENCE_ROLES, reference.role)) {
      add(
        `${field}.role`,
        'unsupported',
        `Role must be one of ${VIDEO_REFERENCE_ROLES.join(', ')}.`,
      )
    } else {
      seen.add(reference.assetId)
      references.push(
        reference.role === undefined
          ? { assetId: reference.assetId }
          : { assetId: reference.assetId, role: reference.role },
      )
    }
  }
  return issues.length === before ? references : undefined
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
  let count = 0
  for (const _char of prompt) count += 1
  return count
}

function includes<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value)
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
}
