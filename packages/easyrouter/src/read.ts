// Small runtime readers for upstream JSON. They accept extra fields and unknown enum strings
// (EasyRouter may add either at any time) but insist on the fields we rely on, so a broken
// body fails loudly as `malformed_response` instead of leaking `undefined` into the app.
import { LikenessError } from '@likeness/core'

export type Json = Record<string, unknown>

export function malformed(what: string): LikenessError {
  return new LikenessError('malformed_response', {
    message: `EasyRouter sent an unexpected response: ${what}.`,
  })
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function object(value: unknown, what: string): Json {
  if (!isObject(value)) throw malformed(`${what} is not an object`)
  return value
}

export function string(source: Json, key: string, what: string): string {
  const value = source[key]
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  throw malformed(`${what}.${key} is missing`)
}

export function optionalString(source: Json, key: string): string | undefined {
  const value = source[key]
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

/** A non-empty string, or undefined for absent, null and "" (which upstream uses for "none"). */
export function presentString(source: Json, key: string): string | undefined {
  const value = optionalString(source, key)
  return value === '' ? undefined : value
}

export function optionalNumber(source: Json, key: string): number | undefined {
  const value = source[key]
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value)
  }
  return undefined
}

export function number(source: Json, key: string, what: string): number {
  const value = optionalNumber(source, key)
  if (value === undefined) throw malformed(`${what}.${key} is not a number`)
  return value
}

export function array(source: Json, key: string, what: string): unknown[] {
  const value = source[key]
  if (Array.isArray(value)) return value
  if (value === null || value === undefined) return []
  throw malformed(`${what}.${key} is not a list`)
}

export function errorDetail(value: unknown): { code: string; message: string } | undefined {
  if (!isObject(value)) return undefined
  const code = optionalString(value, 'code')
  const message = optionalString(value, 'message')
  if (code === undefined && message === undefined) return undefined
  return { code: code ?? 'unknown', message: message ?? '' }
}
