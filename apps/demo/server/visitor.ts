// Who is asking, in the demo: each browser gets an identity of its own, a random visitor id in a
// signed cookie, plus the persona it has chosen (Ada or Ben). The host's user id is both, so
// switching persona in one browser shows the handler keeping people apart, and two browsers
// never share a verification, a portrait or a video.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** The two people of the demo; each sees only their own verification, portraits and videos. */
export const PERSONAS = ['ada', 'ben'] as const
export type Persona = (typeof PERSONAS)[number]

/** One browser's demo identity. */
export interface Visitor {
  /** Random, 128 bits, issued by the server; never chosen by the browser. */
  id: string
  persona: Persona
}

/** Reads and writes the signed identity cookie. */
export interface VisitorCookie {
  /** The cookie's name: `__Host-` prefixed on https, so no sibling host can plant one. */
  name: string
  /** The visitor a `Cookie` header proves, or null when it is missing, unsigned or tampered with. */
  read(cookieHeader: string | null | undefined): Visitor | null
  /** A `Set-Cookie` value that makes the browser this visitor. */
  serialize(visitor: Visitor): string
}

const COOKIE = 'likeness_demo'
// A month, so that a visitor's portraits and videos are still theirs after the browser restarts.
const MAX_AGE_SECONDS = 30 * 24 * 60 * 60
const VALUE = /^([\w-]{22})\.([a-z]+)\.([\w-]{43})$/

/** A visitor no browser has been before, as Ada. */
export function newVisitor(): Visitor {
  return { id: randomBytes(16).toString('base64url'), persona: 'ada' }
}

/** The persona named by `value`, if it is one. */
export function personaOf(value: unknown): Persona | undefined {
  return PERSONAS.find((persona) => persona === value)
}

/**
 * The identity cookie, signed with HMAC-SHA-256 under a key derived from the demo's secret (so
 * its signatures can never stand for the handler's, which signs with the same secret).
 * `secure` (an https public URL) adds `Secure` and the `__Host-` prefix.
 */
export function visitorCookie({
  secret,
  secure,
}: {
  secret: string
  secure: boolean
}): VisitorCookie {
  const key = createHmac('sha256', secret).update('likeness-demo visitor cookie v1').digest()
  const sign = (id: string, persona: Persona) =>
    createHmac('sha256', key).update(`${id}.${persona}`).digest('base64url')
  const name = secure ? `__Host-${COOKIE}` : COOKIE
  return {
    name,
    read(cookieHeader) {
      const value = cookieValue(cookieHeader, name)
      const match = value === undefined ? null : VALUE.exec(value)
      if (!match) return null
      const [, id = '', claimed, signature = ''] = match
      const persona = personaOf(claimed)
      if (!persona) return null
      const expected = Buffer.from(sign(id, persona))
      const given = Buffer.from(signature)
      return given.length === expected.length && timingSafeEqual(given, expected)
        ? { id, persona }
        : null
    },
    serialize({ id, persona }) {
      const attributes = [`Max-Age=${MAX_AGE_SECONDS}`, 'Path=/', 'HttpOnly', 'SameSite=Lax']
      if (secure) attributes.push('Secure')
      return [`${name}=${id}.${persona}.${sign(id, persona)}`, ...attributes].join('; ')
    },
  }
}

// The first cookie of that name: a second one can only come from somewhere else, and is not
// looked at.
function cookieValue(header: string | null | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=')
    if (at !== -1 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim()
  }
  return undefined
}
