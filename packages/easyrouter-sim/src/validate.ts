import { badRequest } from './api-error.ts'

// Field checks shared by the endpoints. Every message names the field, the way a developer
// reading a 400 wants to see it: "asset_type must be one of Image, Video, Audio".

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'string' ? JSON.stringify(value) : `a ${typeof value}`
}

/** A required, non-empty string. */
export function requireString(value: unknown, field: string): string {
  if (value === undefined || value === null) throw badRequest(`${field} is required.`)
  if (typeof value !== 'string') throw badRequest(`${field} must be a string.`)
  if (value.trim() === '') throw badRequest(`${field} must not be empty.`)
  return value
}

/** An optional string (`undefined` when absent or null). */
export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw badRequest(`${field} must be a string.`)
  return value
}

/** An optional boolean. */
export function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean') throw badRequest(`${field} must be true or false.`)
  return value
}

/** An optional integer within `[min, max]`. */
export function optionalInteger(
  value: unknown,
  field: string,
  range: { min: number; max: number },
): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw badRequest(`${field} must be an integer, got ${describe(value)}.`)
  }
  if (value < range.min || value > range.max) {
    throw badRequest(`${field} must be between ${range.min} and ${range.max}, got ${value}.`)
  }
  return value
}

/** A value that must be one of a fixed list of strings. */
export function oneOf<const T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) {
    return value as T
  }
  throw badRequest(`${field} must be one of ${allowed.join(', ')}, got ${describe(value)}.`)
}

/** An optional array (`undefined` when absent or null). */
export function optionalArray(value: unknown, field: string): unknown[] | undefined {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value)) throw badRequest(`${field} must be an array.`)
  return value as unknown[]
}

/** Whether `value` parses as an absolute http: or https: URL. */
export function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false
  const { protocol } = new URL(value)
  return protocol === 'http:' || protocol === 'https:'
}

/** A required absolute http(s) URL. */
export function requireHttpUrl(value: unknown, field: string): string {
  const url = requireString(value, field)
  if (!isHttpUrl(url)) throw badRequest(`${field} must be an absolute http(s) URL.`)
  return url
}
