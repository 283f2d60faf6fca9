// Where the browser may be sent after a verification: an allowlist of origins, or origins with
// a path prefix. A prefix covers whole path segments only (`/app` covers `/app` and `/app/x`,
// never `/apps` or `/application/x`), and a path that hides a separator or a dot behind a
// percent-escape is refused outright, since a server behind this one may decode it into a way
// out of the prefix (`/app%2f..%2fadmin`).

/** One entry of `allowedReturnTo`, normalised: an origin, and a path prefix without a trailing slash. */
export interface ReturnToRule {
  origin: string
  /** `''` for a whole origin. */
  prefix: string
}

/** Normalises `allowedReturnTo` entries (already parsed as http(s) URLs). */
export function returnToRules(entries: readonly URL[]): ReturnToRule[] {
  return entries.map((entry) => ({
    origin: entry.origin,
    prefix: entry.pathname.replace(/\/+$/, ''),
  }))
}

// An escaped `/`, `\` or `.`: harmless to the URL parser here, a path change to whoever
// decodes it later.
const ESCAPED_SEPARATOR = /%(2f|5c|2e)/i

/**
 * The absolute URL to send the browser back to, or `undefined` when `value` is not allowed.
 * A path (`/studio?x=1`) is resolved against `publicOrigin`; `//host` and `/\host`, which
 * browsers read as another origin, are refused.
 */
export function resolveReturnTo(
  value: string,
  publicOrigin: string,
  rules: readonly ReturnToRule[],
): string | undefined {
  if (value.length > 2048) return undefined
  let url: URL
  try {
    url =
      value.startsWith('/') && !/^\/[/\\]/.test(value)
        ? new URL(value, publicOrigin)
        : new URL(value)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  if (url.username !== '' || url.password !== '') return undefined
  if (ESCAPED_SEPARATOR.test(url.pathname)) return undefined
  const allowed = rules.some(
    ({ origin, prefix }) =>
      url.origin === origin &&
      (prefix === '' || url.pathname === prefix || url.pathname.startsWith(`${prefix}/`)),
  )
  return allowed ? url.toString() : undefined
}
