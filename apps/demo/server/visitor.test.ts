import { describe, expect, it } from 'vitest'
import { newVisitor, visitorCookie } from './visitor.ts'

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters'

/** The `name=value` part of a `Set-Cookie`, as a browser sends it back. */
const sent = (setCookie: string) => setCookie.split(';')[0]!

describe('the visitor cookie', () => {
  const cookie = visitorCookie({ secret: SECRET, secure: false })

  it('gives back the visitor it was issued for, among other cookies', () => {
    const visitor = newVisitor()
    expect(visitor.persona).toBe('ada')
    expect(visitor.id).toMatch(/^[\w-]{22}$/)
    const header = `theme=dark; ${sent(cookie.serialize({ ...visitor, persona: 'ben' }))}; other=1`
    expect(cookie.read(header)).toEqual({ id: visitor.id, persona: 'ben' })
  })

  it('is HttpOnly, SameSite=Lax, for the whole site, and not Secure on http', () => {
    const setCookie = cookie.serialize(newVisitor())
    expect(setCookie).toMatch(/^likeness_demo=[\w-]{22}\.ada\.[\w-]{43}; /)
    expect(setCookie.split('; ')).toEqual(
      expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax']),
    )
    expect(setCookie).not.toContain('Secure')
  })

  it('on https is Secure and __Host- prefixed, and only read under that name', () => {
    const secure = visitorCookie({ secret: SECRET, secure: true })
    const visitor = newVisitor()
    const setCookie = secure.serialize(visitor)
    expect(setCookie).toMatch(/^__Host-likeness_demo=/)
    expect(setCookie.split('; ')).toContain('Secure')
    expect(secure.read(sent(setCookie))).toEqual(visitor)
    expect(secure.read(sent(cookie.serialize(visitor)))).toBeNull()
  })

  it('is nobody when missing, unsigned, edited, or signed with another secret', () => {
    const visitor = newVisitor()
    const value = sent(cookie.serialize(visitor))
    const signature = value.slice(value.lastIndexOf('.') + 1)
    const other = visitorCookie({ secret: `${SECRET}-other`, secure: false })
    for (const header of [
      null,
      '',
      'likeness_demo_user=ben',
      'likeness_demo=ben',
      value.replace('.ada.', '.ben.'),
      value.replace(visitor.id, newVisitor().id),
      `${value.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      `${value}x`,
      value.replace(`.${signature}`, ''),
      sent(other.serialize(visitor)),
    ]) {
      expect(cookie.read(header), String(header)).toBeNull()
    }
  })

  it('reads only the first cookie of its name', () => {
    const first = sent(cookie.serialize(newVisitor()))
    const second = sent(cookie.serialize(newVisitor()))
    expect(cookie.read(`${first}; ${second}`)?.id).toBe(first.split('=')[1]!.split('.')[0])
    expect(cookie.read(`likeness_demo=forged; ${second}`)).toBeNull()
  })
})
