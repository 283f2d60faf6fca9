import { modelSupports } from './video-input.ts'
import {
  VIDEO_LIMITS,
  VIDEO_MODELS,
  type VideoJobInput,
  type VideoModel,
  type VideoRatio,
  type VideoReference,
  type VideoResolution,
} from './video.ts'

/**
 * A video request as a person edits it in a form: every field has a value, and `seed` stays
 * the text typed (empty for a random seed) so a half-typed number is not lost. Turn it into
 * a request with {@link videoJobInputOf}.
 *
 * @example
 * ```ts
 * const draft = createVideoJobDraft({ durationSeconds: 8 })
 * draft.model // 'dreamina-seedance-2-0'
 * ```
 */
export interface VideoJobDraft {
  readonly model: VideoModel
  readonly prompt: string
  readonly durationSeconds: number
  readonly resolution: VideoResolution
  readonly ratio: VideoRatio
  readonly seed: string
  readonly generateAudio: boolean
  readonly watermark: boolean
  readonly references: readonly VideoReference[]
}

const NO_REFERENCES: readonly VideoReference[] = []

/**
 * A draft with the given values and the defaults for the rest: the first model, 5 s, 720p,
 * 16:9, a random seed, audio on, no watermark, no portraits.
 *
 * @example
 * ```ts
 * createVideoJobDraft(job.input) // the form a finished job was made from
 * ```
 */
export function createVideoJobDraft(input: Partial<VideoJobInput> = {}): VideoJobDraft {
  const seed = input.seed
  return {
    model: input.model ?? VIDEO_MODELS[0],
    prompt: input.prompt ?? '',
    durationSeconds: input.durationSeconds ?? VIDEO_LIMITS.defaultDurationSeconds,
    resolution: input.resolution ?? '720p',
    ratio: input.ratio ?? '16:9',
    seed: seed === undefined || seed === -1 ? '' : String(seed),
    generateAudio: input.generateAudio ?? true,
    watermark: input.watermark ?? false,
    references: input.references ?? NO_REFERENCES,
  }
}

/**
 * The request a draft stands for, to validate and send: a typed seed becomes a number (text
 * that is not one stays `NaN`, which validation reports), no seed means random, and an empty
 * list of portraits is left out.
 *
 * @example
 * ```ts
 * validateVideoJobInput(videoJobInputOf(draft))
 * ```
 */
export function videoJobInputOf(draft: VideoJobDraft): VideoJobInput {
  const { seed, references, ...rest } = draft
  const input: VideoJobInput = { ...rest }
  if (seed.trim() !== '') input.seed = Number(seed)
  if (references.length > 0) input.references = references
  return input
}

/**
 * Applies a change to a draft, with the one rule between fields: choosing a model that
 * cannot render the current resolution lowers the resolution to the model's best. Returns
 * the new draft and, when that happened, the model that lowered it (to explain it).
 *
 * @example
 * ```ts
 * changeVideoJobDraft(draft, { model: 'dreamina-seedance-2-0-fast' }).loweredBy
 * ```
 */
export function changeVideoJobDraft(
  draft: VideoJobDraft,
  change: Partial<VideoJobDraft>,
): { draft: VideoJobDraft; loweredBy: VideoModel | null } {
  const next = { ...draft, ...change }
  if (change.model !== undefined && !modelSupports(next.model, next.resolution)) {
    next.resolution = VIDEO_LIMITS.maxResolutionByModel[next.model]
    return { draft: next, loweredBy: next.model }
  }
  return { draft: next, loweredBy: null }
}
