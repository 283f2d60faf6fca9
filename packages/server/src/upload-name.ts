/** The longest display name kept, in code points; longer ones are cut, not refused. */
export const MAX_UPLOAD_NAME = 200

// Line breaks (controls such as tab and newline, and the Unicode line and paragraph
// separators) become spaces, so words on two lines stay two words.
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/gu
// Controls, format characters (bidi overrides and isolates, LRM/RLM, zero-width characters,
// the soft hyphen, BOM) and lone surrogates: none shows itself, several change how the text
// around them shows.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/gu
const SPACES = /\s+/gu

/**
 * A display name as people will see it: no invisible or reordering characters, line breaks
 * and runs of spaces turned into one space, NFC, trimmed, and at most
 * {@link MAX_UPLOAD_NAME} code points (cut, never inside a surrogate pair). May be empty.
 * Applying it twice changes nothing more.
 *
 * @example
 * ```ts
 * uploadName('  Front\u202Eportrait\u200B\n.png ') // 'Frontportrait .png'
 * ```
 */
export function uploadName(raw: string): string {
  const visible = raw.replace(BREAKS, ' ').replace(INVISIBLE, '').normalize('NFC')
  const collapsed = visible.replace(SPACES, ' ').trim()
  const codePoints = Array.from(collapsed)
  if (codePoints.length <= MAX_UPLOAD_NAME) return collapsed
  return codePoints.slice(0, MAX_UPLOAD_NAME).join('').trimEnd()
}
