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

/**
 * One `asset://` token found by {@link findAssetReferences}.
 *
 * @example
 * ```ts
 * const found: AssetReference = {
 *   path: 'metadata.content[0].image_url.url',
 *   token: 'asset://asset-20260520153701-pgxsl',
 *   assetId: 'asset-20260520153701-pgxsl',
 * }
 * ```
 */
export interface AssetReference {
  /**
   * Where the token was found: `prompt`, `references[0].assetId`,
   * `metadata.content[1].image_url.url`; keys that are not identifiers are quoted
   * (`metadata["a b"]`); `''` for the value itself. A token in an object's key is reported at
   * that key's path.
   */
  path: string
  /** The token exactly as written, disguises included (`ＡＳＳＥＴ://asset-1`, `as\u200Bset:/x`). */
  token: string
  /**
   * The referenced asset id, or `null` when the token is malformed: no well-formed id
   * ({@link isAssetId}) follows the scheme, or the id itself is disguised (fullwidth, invisible
   * or percent-encoded characters inside it), so readers could disagree on which asset it names.
   */
  assetId: string | null
}

/** Limits of {@link findAssetReferences}; the defaults suit a video job. */
export interface FindAssetReferencesOptions {
  /** Most tokens to collect before giving up. Default 100 (a job references at most 12 files). */
  limit?: number | undefined
  /** Most arrays and objects nested in one another. Default 32. */
  maxDepth?: number | undefined
}

/**
 * What {@link findAssetReferences} found.
 *
 * @example
 * ```ts
 * const { references, incomplete } = findAssetReferences(job)
 * if (incomplete || references.some((found) => found.assetId === null)) refuse()
 * ```
 */
export interface AssetReferenceSearch {
  /** Every token found, in document order (depth first), repeats included. */
  references: AssetReference[]
  /**
   * `null` when the whole value was read. Otherwise why the search stopped early: more than
   * `limit` tokens (`too_many`), or arrays and objects nested deeper than `maxDepth`
   * (`too_deep`). A value that was not read to the end may hide more references: refuse it.
   */
  incomplete: 'too_many' | 'too_deep' | null
}

/**
 * Finds every `asset://` reference anywhere in a JSON-like value (a whole video job: prompt,
 * references, metadata, keys included), so a server can check that each one names an asset
 * the caller owns before anything reaches the video model. Built to be hard to slip a
 * reference past:
 *
 * - each string is normalised first: Unicode NFKC (fullwidth `ａｓｓｅｔ：／／` is `asset://`),
 *   invisible characters dropped (controls, format characters and default-ignorable code
 *   points: zero-width spaces and joiners, soft hyphens, bidi controls), percent-escapes of
 *   ASCII characters decoded, nested ones too (`%3A`, `%252F`);
 * - the scheme is matched without regard to case, and `asset:` followed by one or more `/` or
 *   `\` is a token (`asset:/x`, `asset:\\x` count; "my asset: the house" does not);
 * - the id is the run of `[A-Za-z0-9_-]` after the slashes; a token without a well-formed,
 *   plainly written id is reported with `assetId: null`, which a server should refuse.
 *
 * Strings are walked in arrays and objects (own enumerable keys, as `JSON.stringify` sees
 * them); other values hold no text. It never throws on a JSON value.
 *
 * @example
 * ```ts
 * findAssetReferences({ prompt: 'me, from ASSET:\\\\asset-1, on the moon' })
 * // { references: [{ path: 'prompt', token: 'ASSET:\\\\asset-1', assetId: 'asset-1' }], incomplete: null }
 * ```
 */
export function findAssetReferences(
  value: unknown,
  { limit = 100, maxDepth = 32 }: FindAssetReferencesOptions = {},
): AssetReferenceSearch {
  const search: AssetReferenceSearch = { references: [], incomplete: null }
  const scan = (text: string, path: string) => {
    if (search.incomplete) return
    for (const found of tokensIn(text)) {
      if (search.references.length >= limit) {
        search.incomplete = 'too_many'
        return
      }
      search.references.push({ path, ...found })
    }
  }
  const walk = (node: unknown, path: string, depth: number) => {
    if (search.incomplete) return
    if (typeof node === 'string') {
      scan(node, path)
      return
    }
    if (typeof node !== 'object' || node === null) return
    if (depth >= maxDepth) {
      search.incomplete = 'too_deep'
      return
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        walk(item, `${path}[${index}]`, depth + 1)
      })
      return
    }
    for (const [key, item] of Object.entries(node)) {
      const field = IDENTIFIER.test(key)
        ? `${path && `${path}.`}${key}`
        : `${path}[${JSON.stringify(key)}]`
      scan(key, field)
      walk(item, field, depth + 1)
    }
  }
  walk(value, '', 0)
  return search
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

// Matched on normalised text. No `u` flag, so `i` folds ASCII letters only and `\w` is ASCII.
const TOKEN = /asset:[/\\]+([\w-]*)/gi

// Controls, format characters (zero-width space and joiners, soft hyphen, bidi controls, tags)
// and the rest of the default-ignorable code points (variation selectors, fillers).
const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]$/u
const isInvisible = (char: string) => !(char >= ' ' && char <= '~') && INVISIBLE.test(char)

// The tokens in one string, each with its text as written and its id.
function tokensIn(text: string): Omit<AssetReference, 'path'>[] {
  const plain = normalise(text)
  return Array.from(plain.text.matchAll(TOKEN), (match) => {
    const [{ length }, id = ''] = match
    const first = match.index
    const last = first + length - 1
    const written = (from: number) => text.slice(plain.from[from], plain.to[last])
    return {
      token: written(first),
      // The id must read the same before and after normalising: a disguised id could name one
      // asset to us and another to a reader that normalises differently (or not at all).
      assetId: isAssetId(id) && written(last - id.length + 1) === id ? id : null,
    }
  })
}

/**
 * `text` as {@link findAssetReferences} reads it, with, for each UTF-16 unit of the result, the
 * span of `text` it came from (`from` inclusive, `to` exclusive), so a token found in the
 * normalised text can be quoted as written.
 */
function normalise(text: string): { text: string; from: number[]; to: number[] } {
  const units: string[] = []
  const from: number[] = []
  const to: number[] = []
  // Appends a character of the result, unless it is invisible. A percent-escape it completes
  // (`%`, two hex digits) is replaced by the character it encodes, which goes through the same
  // steps, so nested escapes fall too (`%25` + `3A`). Escapes of non-ASCII bytes stay as written.
  const push = (char: string, start: number, end: number) => {
    for (let next: string | null = char; next !== null && !isInvisible(next);) {
      for (const unit of next.split('')) {
        units.push(unit)
        from.push(start)
        to.push(end)
      }
      const at = units.length - 3
      const hex = units[at] === '%' ? `${units[at + 1]}${units[at + 2]}` : ''
      next = null
      if (/^[0-7][\da-f]$/i.test(hex)) {
        next = String.fromCharCode(parseInt(hex, 16))
        start = from[at] ?? start
        units.length = from.length = to.length = at
      }
    }
  }
  let offset = 0
  for (const char of text) {
    const end = offset + char.length
    // ASCII is its own NFKC form; normalising only the rest keeps long prompts fast.
    const normalised = char < '\x80' ? char : char.normalize('NFKC')
    for (const part of normalised) push(part, offset, end)
    offset = end
  }
  return { text: units.join(''), from, to }
}
