/**
 * The Seedance 2.0 models that accept `asset://` references, best quality first.
 *
 * @example
 * ```ts
 * VIDEO_MODELS.includes(model)
 * ```
 */
export const VIDEO_MODELS = ['dreamina-seedance-2-0', 'dreamina-seedance-2-0-fast'] as const

/** A Seedance 2.0 model: `dreamina-seedance-2-0` (quality) or `-fast` (lower latency). */
export type VideoModel = (typeof VIDEO_MODELS)[number]

/** Output resolutions, lowest first. The fast model stops at 720p. */
export const VIDEO_RESOLUTIONS = ['480p', '720p', '1080p'] as const

/** An output resolution. */
export type VideoResolution = (typeof VIDEO_RESOLUTIONS)[number]

/** Aspect ratios; `adaptive` lets the model follow the reference image. */
export const VIDEO_RATIOS = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', 'adaptive'] as const

/** An aspect ratio. */
export type VideoRatio = (typeof VIDEO_RATIOS)[number]

/** What a reference plays in the video. */
export const VIDEO_REFERENCE_ROLES = ['reference_image', 'first_frame', 'last_frame'] as const

/** A reference's role. */
export type VideoReferenceRole = (typeof VIDEO_REFERENCE_ROLES)[number]

/**
 * The limits a video request must respect, shared by the browser (to explain before submit)
 * and the server (to enforce).
 *
 * @example
 * ```ts
 * prompt.length <= VIDEO_LIMITS.promptMaxLength
 * ```
 */
export const VIDEO_LIMITS = {
  promptMaxLength: 2000,
  minDurationSeconds: 4,
  maxDurationSeconds: 15,
  defaultDurationSeconds: 5,
  minSeed: -1,
  maxSeed: 4_294_967_295,
  maxReferences: 9,
  maxResolutionByModel: {
    'dreamina-seedance-2-0': '1080p',
    'dreamina-seedance-2-0-fast': '720p',
  },
} as const satisfies {
  maxResolutionByModel: Record<VideoModel, VideoResolution>
  [key: string]: unknown
}

/**
 * A portrait asset used in a video, by id (the server turns it into `asset://{id}`).
 *
 * @example
 * ```ts
 * const ref: VideoReference = { assetId: 'asset-20260520153701-pgxsl', role: 'first_frame' }
 * ```
 */
export interface VideoReference {
  assetId: string
  role?: VideoReferenceRole | undefined
}

/**
 * What a person asks for when generating a video.
 *
 * @example
 * ```ts
 * const input: VideoJobInput = {
 *   model: 'dreamina-seedance-2-0',
 *   prompt: '画面中的我，穿着宇航服在月球上行走',
 *   durationSeconds: 5,
 *   resolution: '720p',
 *   ratio: '16:9',
 *   seed: 42,
 *   references: [{ assetId: 'asset-20260520153701-pgxsl' }],
 * }
 * ```
 */
export interface VideoJobInput {
  model: VideoModel
  prompt: string
  /** Whole seconds, 4 to 15; 5 by default. */
  durationSeconds?: number | undefined
  resolution?: VideoResolution | undefined
  ratio?: VideoRatio | undefined
  /** Same seed and input give a similar video; -1 or absent for random. */
  seed?: number | undefined
  generateAudio?: boolean | undefined
  watermark?: boolean | undefined
  references?: readonly VideoReference[] | undefined
}

/**
 * Where a video job stands. Only `completed` and `failed` are final. `unknown` stands for a
 * status string the router added after this version; keep polling.
 */
export type VideoJobStatus = 'queued' | 'in_progress' | 'completed' | 'failed' | 'unknown'

/**
 * A video being generated or done.
 *
 * @example
 * ```ts
 * if (job.status === 'completed') video.src = job.videoUrl ?? ''
 * ```
 */
export interface VideoJob {
  /** The task id, e.g. `task_...`. */
  id: string
  status: VideoJobStatus
  /** 0 to 100. */
  progress: number
  model: VideoModel | (string & {})
  /** ISO 8601. */
  createdAt: string
  /** ISO 8601; present once final. */
  completedAt?: string | undefined
  /** The finished video; a temporary link, so download or copy it. */
  videoUrl?: string | undefined
  error?: { code: string; message: string } | undefined
  /** What was asked for, when the server remembers it. */
  input?: VideoJobInput | undefined
}

/**
 * Whether a job status is final, so polling can stop.
 *
 * @example
 * ```ts
 * isTerminalVideoJobStatus('completed') // true
 * ```
 */
export function isTerminalVideoJobStatus(status: VideoJobStatus): boolean {
  return status === 'completed' || status === 'failed'
}
