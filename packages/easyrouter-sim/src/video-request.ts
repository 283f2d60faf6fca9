import { badRequest } from './api-error.ts'
import { isJsonObject, type JsonObject } from './http.ts'
import type { MediaKind } from './media-sniff.ts'
import {
  oneOf,
  optionalArray,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requireString,
} from './validate.ts'

/** The models that accept `asset://` references. */
export const VIDEO_MODELS = ['dreamina-seedance-2-0', 'dreamina-seedance-2-0-fast'] as const
const RESOLUTIONS = ['480p', '720p', '1080p'] as const
const RATIOS = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', 'adaptive'] as const
const CONTENT_TYPES = ['image_url', 'video_url'] as const
const ROLES = ['first_frame', 'last_frame', 'reference_image', 'reference_video'] as const
const MAX_PROMPT_CHARS = 4000
const DURATION = { min: 4, max: 15 } as const
const DEFAULT_DURATION = 5
const ASSET_SCHEME = 'asset://'

/** An `asset://` reference found in the request. */
export interface AssetReference {
  assetId: string
  /** Where it was found, for error messages (`metadata.content[0].image_url.url`). */
  field: string
  /** The asset type the field calls for; `undefined` when the field says nothing about it. */
  expectedKind: MediaKind | undefined
}

/** A validated submission. */
export interface VideoRequest {
  model: (typeof VIDEO_MODELS)[number]
  prompt: string
  durationSeconds: number
  references: AssetReference[]
}

function parseDuration(body: JsonObject): number {
  const duration = body['duration']
  if (duration !== undefined && duration !== null && duration !== 0) {
    return optionalInteger(duration, 'duration', DURATION) ?? DEFAULT_DURATION
  }
  // `seconds` is the string form, used only when duration is 0 or absent.
  const seconds = optionalString(body['seconds'], 'seconds')
  if (seconds === undefined || seconds === '') return DEFAULT_DURATION
  if (!/^\d+$/.test(seconds))
    throw badRequest(`seconds must be a whole number as a string, got "${seconds}".`)
  return optionalInteger(Number(seconds), 'seconds', DURATION) ?? DEFAULT_DURATION
}

/** Checks a media reference: http(s) URL, data: URI, or `asset://ID`. */
function parseReference(
  value: unknown,
  field: string,
  expectedKind: MediaKind,
  references: AssetReference[],
): void {
  const url = requireString(value, field)
  if (url.startsWith(ASSET_SCHEME)) {
    const assetId = url.slice(ASSET_SCHEME.length)
    if (assetId === '')
      throw badRequest(`${field} has an empty asset:// reference.`, 'invalid_asset')
    references.push({ assetId, field, expectedKind })
    return
  }
  if (/^https?:\/\//i.test(url) && URL.canParse(url)) return
  if (/^data:[\w.+-]+\/[\w.+-]+(;[^,]*)?,/i.test(url)) return
  throw badRequest(`${field} must be an http(s) URL, a data: URI or asset://ID.`)
}

function parseContent(metadata: JsonObject, references: AssetReference[]): void {
  const items = optionalArray(metadata['content'], 'metadata.content') ?? []
  items.forEach((item, i) => {
    const field = `metadata.content[${i}]`
    if (!isJsonObject(item)) throw badRequest(`${field} must be an object.`)
    const type = oneOf(item['type'], CONTENT_TYPES, `${field}.type`)
    if (item['role'] !== undefined) oneOf(item['role'], ROLES, `${field}.role`)
    const media = item[type]
    if (!isJsonObject(media)) throw badRequest(`${field}.${type} must be an object with a url.`)
    const kind = type === 'image_url' ? 'Image' : 'Video'
    parseReference(media['url'], `${field}.${type}.url`, kind, references)
  })
}

function parseMetadata(
  body: JsonObject,
  model: VideoRequest['model'],
  references: AssetReference[],
): void {
  const metadata = body['metadata']
  if (metadata === undefined || metadata === null) return
  if (!isJsonObject(metadata)) throw badRequest('metadata must be an object.')
  if (metadata['resolution'] !== undefined) {
    const resolution = oneOf(metadata['resolution'], RESOLUTIONS, 'metadata.resolution')
    if (resolution === '1080p' && model === 'dreamina-seedance-2-0-fast') {
      throw badRequest(
        'metadata.resolution 1080p is not available for dreamina-seedance-2-0-fast; use 480p or 720p.',
      )
    }
  }
  if (metadata['ratio'] !== undefined) oneOf(metadata['ratio'], RATIOS, 'metadata.ratio')
  optionalInteger(metadata['seed'], 'metadata.seed', { min: -1, max: 4294967295 })
  optionalBoolean(metadata['generate_audio'], 'metadata.generate_audio')
  optionalBoolean(metadata['watermark'], 'metadata.watermark')
  parseContent(metadata, references)
}

function parseImages(body: JsonObject, references: AssetReference[]): void {
  if (body['image'] !== undefined && body['image'] !== null) {
    parseReference(body['image'], 'image', 'Image', references)
  }
  optionalArray(body['images'], 'images')?.forEach((image, i) => {
    parseReference(image, `images[${i}]`, 'Image', references)
  })
}

// "Every asset:// anywhere": references hidden in fields we do not model still get checked.
function collectStrayReferences(value: unknown, field: string, references: AssetReference[]): void {
  if (typeof value === 'string') {
    if (value.startsWith(ASSET_SCHEME) && !references.some((ref) => ref.field === field)) {
      references.push({ assetId: value.slice(ASSET_SCHEME.length), field, expectedKind: undefined })
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      collectStrayReferences(item, `${field}[${i}]`, references)
    })
  } else if (isJsonObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      collectStrayReferences(item, field === '' ? key : `${field}.${key}`, references)
    }
  }
}

/** Validates `POST /v1/video/generations`; throws a 400 naming the first bad field. */
export function parseVideoRequest(body: JsonObject): VideoRequest {
  const model = oneOf(body['model'], VIDEO_MODELS, 'model')
  const prompt = requireString(body['prompt'], 'prompt')
  const promptLength = Array.from(prompt).length
  if (promptLength > MAX_PROMPT_CHARS) {
    throw badRequest(`prompt must be at most ${MAX_PROMPT_CHARS} characters, got ${promptLength}.`)
  }
  const durationSeconds = parseDuration(body)
  optionalBoolean(body['generate_audio'], 'generate_audio')
  optionalBoolean(body['watermark'], 'watermark')
  const references: AssetReference[] = []
  parseImages(body, references)
  parseMetadata(body, model, references)
  collectStrayReferences(body, '', references)
  return { model, prompt, durationSeconds, references }
}
