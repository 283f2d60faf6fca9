import { describe, expect, it } from 'vitest'
import type { Simulator } from './simulator.ts'
import {
  BASE_URL,
  call,
  createSession,
  createTestBed,
  decodeH5Link,
  get,
  openH5,
  PREFIX,
} from '../test/support.ts'

async function openLink(
  sim: Simulator,
  callbackUrl?: string,
  suffix = '',
): Promise<{
  session: { byted_token: string; h5_link: string }
  link: string
  page: Awaited<ReturnType<typeof get>>
}> {
  const session = await createSession(sim, callbackUrl === undefined ? {} : { callbackUrl })
  const link = decodeH5Link(session.h5_link)
  const page = await get(sim, `${link}${suffix}`)
  return { session, link, page }
}

function formValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)
  if (!match?.[1]) throw new Error(`no ${name} in the form`)
  return match[1]
}

async function submit(sim: Simulator, html: string, outcome: string): Promise<Response> {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? ''
  const form = new URLSearchParams({
    attempt: formValue(html, 'attempt'),
    lng: formValue(html, 'lng'),
    outcome,
  })
  return sim.fetch(new URL(action, BASE_URL), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  })
}

describe('the H5 liveness page', () => {
  it('is plain, script-free, accessible HTML that explains it is a simulator', async () => {
    const { sim } = createTestBed()
    const { page, link } = await openLink(sim, 'https://host.example/cb', '&lng=en')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect(page.headers.get('cache-control')).toBe('no-store')
    const html = page.text
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/)
    expect(html).not.toMatch(/<script|\son\w+=|\sstyle=|<style/i)
    // Its only resource is its own stylesheet, beside it, which the CSP allows and nothing else.
    expect(html.match(/<link[^>]*>/g)).toEqual(['<link rel="stylesheet" href="liveness.css">'])
    expect(page.headers.get('content-security-policy')).toContain("style-src 'self'")
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe')
    const css = await get(sim, new URL('liveness.css', link).toString())
    expect(css.status).toBe(200)
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(css.text).toContain('prefers-color-scheme: dark')
    expect(css.text).toContain(':focus-visible')
    expect(html).toContain('<h1>Liveness check (simulator)</h1>')
    expect(html).toContain('EasyRouter simulator')
    expect(html).toContain('<legend><h2>Choose a result</h2></legend>')
    expect(html).toMatch(/<form method="post" action="\/h5\/liveness">/)
    for (const [value, label] of [
      ['pass', 'Pass'],
      ['fail', 'Fail'],
      ['mismatch', 'Fail with face mismatch'],
      ['cancel', 'Cancel'],
    ]) {
      expect(html).toContain(
        `<button type="submit" name="outcome" value="${value}" aria-describedby="outcome-${value}-help">${label}</button>`,
      )
      expect(html).toContain(`<p id="outcome-${value}-help">`)
    }
    // The link's temporary credentials are never echoed into the page.
    const url = new URL(link)
    expect(html).not.toContain(url.searchParams.get('access_key'))
    expect(html).not.toContain(url.searchParams.get('sig'))
  })

  it.each([
    ['pass', '10000', '0', '1'],
    ['fail', '-1003', '-1003', '1'],
    ['mismatch', '10000', '210312', '1'],
    ['cancel', '-1006', '-1006', '0'],
  ])(
    'submitting %s redirects to the callback with resultCode %s, sub-code %s, billed %s',
    async (outcome, resultCode, subCode, billed) => {
      const { sim } = createTestBed()
      const { session, page } = await openLink(sim, 'https://host.example/cb?tenant=7#done')
      const response = await submit(sim, page.text, outcome)
      expect(response.status).toBe(302)
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
      const location = new URL(response.headers.get('location') ?? '')
      expect(location.origin + location.pathname).toBe('https://host.example/cb')
      expect(location.hash).toBe('#done')
      expect([...location.searchParams]).toEqual([
        ['tenant', '7'],
        ['bytedToken', session.byted_token],
        ['resultCode', resultCode],
        ['algorithmBaseRespCode', subCode],
        ['reqMeasureInfoValue', billed],
        ['verify_type', 'real_time'],
      ])
    },
  )

  it('completes at once with ?outcome= (headless tests)', async () => {
    const { sim } = createTestBed()
    const { session, page } = await openLink(sim, 'https://host.example/cb', '&outcome=mismatch')
    expect(page.status).toBe(302)
    const location = new URL(page.headers.get('location') ?? '')
    expect(location.searchParams.get('bytedToken')).toBe(session.byted_token)
    expect(location.searchParams.get('algorithmBaseRespCode')).toBe('210312')
  })

  it('shows the result when the session has no callback_url', async () => {
    const { sim } = createTestBed()
    const { session, page } = await openLink(sim, undefined, '&lng=en')
    const response = await submit(sim, page.text, 'pass')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<h1>Verification finished</h1>')
    expect(html).toContain(`<dd>${session.byted_token}</dd>`)
    expect(html).toContain('<dt>resultCode</dt>\n<dd>10000</dd>')
  })

  it('works once: a second visit or a second submit is 410 "already used"', async () => {
    const { sim } = createTestBed()
    const { link, page } = await openLink(sim, 'https://host.example/cb', '&lng=en')
    const again = await get(sim, `${link}&lng=en`)
    expect(again.status).toBe(410)
    expect(again.text).toContain('This link has already been used')

    expect((await submit(sim, page.text, 'pass')).status).toBe(302)
    const resubmit = await submit(sim, page.text, 'fail')
    expect(resubmit.status).toBe(410)
    expect(await resubmit.text()).toContain('This link has already been used')
  })

  it('is 410 "expired" after the session lifetime, for a visit and for a late submit', async () => {
    const { sim, clock } = createTestBed({ timings: { sessionTtlMs: 120_000 } })
    const late = await createSession(sim, { callbackUrl: 'https://host.example/cb' })
    const { page } = await openLink(sim, 'https://host.example/cb', '&lng=en')
    clock.advance(120_000)
    const visit = await openH5(sim, late, '&lng=en')
    expect(visit.status).toBe(410)
    expect(visit.text).toContain('This link has expired')
    const submitted = await submit(sim, page.text, 'pass')
    expect(submitted.status).toBe(410)
    expect(await submitted.text()).toContain('This link has expired')
    const session = await call(sim, 'GET', `${PREFIX}/sessions/${late.byted_token}`)
    expect(session.json.data.status).toBe('expired')
  })

  it.each([
    ['zh (the default)', '', 'zh-CN', '活体检测（模拟器）'],
    ['zh', '&lng=zh', 'zh-CN', '通过'],
    ['en', '&lng=en', 'en', 'Fail with face mismatch'],
    ['zh-Hant', '&lng=zh-Hant', 'zh-Hant', '活體檢測（模擬器）'],
    ['an unknown lng', '&lng=fr', 'zh-CN', '取消'],
  ])('speaks %s', async (_name, suffix, htmlLang, text) => {
    const { sim } = createTestBed()
    const { page } = await openLink(sim, 'https://host.example/cb', suffix)
    expect(page.text).toContain(`<html lang="${htmlLang}">`)
    expect(page.text).toContain(text)
  })

  it('keeps the language on the pages after the form', async () => {
    const { sim } = createTestBed()
    const { page } = await openLink(sim, undefined, '&lng=zh-Hant')
    const result = await submit(sim, page.text, 'cancel')
    expect(await result.text()).toContain('驗證已完成')
  })

  it('refuses a tampered or undecoded link with 403, and an unknown outcome with 400', async () => {
    const { sim } = createTestBed()
    const session = await createSession(sim)
    const link = new URL(decodeH5Link(session.h5_link))
    link.searchParams.set('access_key', 'AKLTforged')
    const forged = await get(sim, `${link.toString()}&lng=en`)
    expect(forged.status).toBe(403)
    expect(forged.text).toContain('This link is not valid')

    // A client that forgot to decode the \u0026 escapes sends one mangled token parameter.
    const raw = await get(sim, session.h5_link)
    expect(raw.status).toBe(403)

    const bad = await openH5(sim, session, '&outcome=maybe')
    expect(bad.status).toBe(400)
    // A refused outcome does not use the link up.
    expect((await openH5(sim, session)).status).toBe(200)
  })

  it('refuses a form post without a valid attempt', async () => {
    const { sim } = createTestBed()
    const response = await sim.fetch(`${BASE_URL}/h5/liveness`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'attempt=nope&outcome=pass',
    })
    expect(response.status).toBe(403)
  })

  it('needs no API key and is not an API path (no request is logged)', async () => {
    const { sim } = createTestBed()
    sim.requests.reset()
    const { page } = await openLink(sim, 'https://host.example/cb')
    expect(page.status).toBe(200)
    expect(sim.requests.map((entry) => entry.path)).toEqual([`${PREFIX}/sessions`])
  })

  it('refuses a form body over 4 KiB with 413 and completes nothing', async () => {
    const { sim } = createTestBed()
    const { page, session } = await openLink(sim, 'https://host.example/cb')
    const form = new URLSearchParams({
      attempt: formValue(page.text, 'attempt'),
      outcome: 'pass',
      lng: 'en',
      padding: 'x'.repeat(5000),
    })
    const response = await sim.fetch(`${BASE_URL}/h5/liveness`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    })
    expect(response.status).toBe(413)
    const read = await call(sim, 'GET', `${PREFIX}/sessions/${session.byted_token}`)
    expect(read.json.data.status).toBe('pending')
  })
})
