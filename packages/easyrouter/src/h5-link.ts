/**
 * Turns JavaScript-style unicode escapes (`\u0026`) that EasyRouter sometimes leaves in an
 * `h5_link` back into the characters they stand for, so the link can be navigated to.
 * Strings without escapes come back unchanged.
 *
 * @example
 * ```ts
 * decodeUnicodeEscapes('https://h5.example/x?a=1\\u0026b=2') // 'https://h5.example/x?a=1&b=2'
 * ```
 */
export function decodeUnicodeEscapes(value: string): string {
  return value.replace(/\\u([0-9a-fA-F]{4})/g, (_match, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  )
}
