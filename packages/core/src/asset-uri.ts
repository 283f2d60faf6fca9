/**
 * A reference to a portrait asset in a video prompt: `asset://asset-20260521164235-zggcb`.
 *
 * @example
 * ```ts
 * const uri: AssetUri = buildAssetUri('asset-20260521164235-zggcb')
 * ```
 */
export type AssetUri = `asset://${string}`

/** The scheme prefix of an {@link AssetUri}. */
export const ASSET_URI_PREFIX = 'asset://'

// EasyRouter's ids look like `asset-20260521164235-zggcb`. The docs fix only the prefix, so the
// rest may be any run of URL-path-safe characters; nothing here can traverse a path or break
// out of a query (no `/`, `.`, `%`, `?`, `#`).
const ASSET_ID = /^asset-[A-Za-z0-9_-]{1,120}$/

/**
 * Whether a string is a well-formed EasyRouter asset id, safe to put in a URL path.
 *
 * @example
 * ```ts
 * isAssetId('asset-20260521164235-zggcb') // true
 * isAssetId('../asset-1') // false
 * ```
 */
export function isAssetId(value: unknown): value is string {
  return typeof value === 'string' && ASSET_ID.test(value)
}

/**
 * Builds the `asset://` reference for an asset id. Throws a `TypeError` for a malformed id,
 * so a bad id never reaches a prompt.
 *
 * @example
 * ```ts
 * buildAssetUri('asset-20260520153701-pgxsl') // 'asset://asset-20260520153701-pgxsl'
 * ```
 */
export function buildAssetUri(assetId: string): AssetUri {
  if (!isAssetId(assetId)) {
    throw new TypeError(`Not an asset id: ${JSON.stringify(assetId)}`)
  }
  return `${ASSET_URI_PREFIX}${assetId}`
}

/**
 * The asset id inside an `asset://` reference, or `null` when the value is not a well-formed
 * one (wrong scheme, extra path, query, or a malformed id). The scheme is matched without
 * regard to case, as URL schemes are.
 *
 * @example
 * ```ts
 * parseAssetUri('asset://asset-20260520153701-pgxsl') // 'asset-20260520153701-pgxsl'
 * parseAssetUri('https://example.com/a.png') // null
 * ```
 */
export function parseAssetUri(value: unknown): string | null {
  if (typeof value !== 'string') return null
  if (value.slice(0, ASSET_URI_PREFIX.length).toLowerCase() !== ASSET_URI_PREFIX) return null
  const id = value.slice(ASSET_URI_PREFIX.length)
  return isAssetId(id) ? id : null
}

/**
 * Whether a value is a well-formed `asset://` reference.
 *
 * @example
 * ```ts
 * isAssetUri('asset://asset-20260520153701-pgxsl') // true
 * ```
 */
export function isAssetUri(value: unknown): value is AssetUri {
  return parseAssetUri(value) !== null
}
