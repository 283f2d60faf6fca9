import type { SimContext } from './context.ts'
import { choicePage, messagePage, resultPage } from './h5-html.ts'
import { isH5Outcome, outcomeCodes } from './h5-outcomes.ts'
import { H5_STYLESHEET } from './h5-style.ts'
import { h5Text, pickLanguage, type H5Language } from './h5-text.ts'
import { readBodyText } from './http.ts'
import { randomAlphanumeric } from './random.ts'
import { completeSession, h5LinkSignatureText } from './sessions.ts'
import type { H5Outcome, SessionRecord } from './state.ts'
import { formatUpstreamIso } from './time-format.ts'

// The fake hosted liveness page behind `h5_link`. It needs no API key (a browser opens it), works
// once per session, and redirects to the session's `callback_url` like the provider's page.

const MAX_FORM_BYTES = 4096

function htmlResponse(status: number, html: string): Response {
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // The link carries credentials: never leak it to the next site through the Referer.
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      // No script, nothing loaded but our own stylesheet. `form-action` is left out on purpose:
      // browsers apply it to the redirect after the form, which goes to the host's callback.
      'content-security-policy': "default-src 'none'; style-src 'self'; base-uri 'none'",
    },
  })
}

function message(
  status: number,
  language: H5Language,
  kind: 'used' | 'expired' | 'invalid' | 'badOutcome',
): Response {
  const text = h5Text(language)
  const pages = {
    used: [text.usedTitle, text.usedBody],
    expired: [text.expiredTitle, text.expiredBody],
    invalid: [text.invalidTitle, text.invalidBody],
    badOutcome: [text.badOutcomeTitle, text.badOutcomeBody],
  } as const
  const [title, body] = pages[kind]
  return htmlResponse(status, messagePage(text, title, body))
}

/** The callback URL with the provider's parameters appended to any query it already has. */
export function callbackLocation(
  callbackUrl: string,
  bytedToken: string,
  outcome: H5Outcome,
): string {
  const codes = outcomeCodes(outcome)
  const url = new URL(callbackUrl)
  url.searchParams.append('bytedToken', bytedToken)
  url.searchParams.append('resultCode', codes.resultCode)
  url.searchParams.append('algorithmBaseRespCode', codes.algorithmBaseRespCode)
  url.searchParams.append('reqMeasureInfoValue', codes.billed ? '1' : '0')
  url.searchParams.append('verify_type', 'real_time')
  return url.toString()
}

function finish(
  ctx: SimContext,
  session: SessionRecord,
  outcome: H5Outcome,
  language: H5Language,
): Response {
  completeSession(ctx, session, outcome)
  if (session.callbackUrl === '') {
    return htmlResponse(200, resultPage(h5Text(language), outcome, session.bytedToken))
  }
  return new Response(null, {
    status: 302,
    headers: {
      location: callbackLocation(session.callbackUrl, session.bytedToken, outcome),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    },
  })
}

/** Which 410 page applies, if the session can no longer be used. */
function unusable(session: SessionRecord, nowMs: number): 'used' | 'expired' | undefined {
  if (session.completion) return 'used'
  if (nowMs >= session.expiresAt) return 'expired'
  return session.openedAt === undefined ? undefined : 'used'
}

async function sessionFromLink(
  ctx: SimContext,
  query: URLSearchParams,
): Promise<SessionRecord | undefined> {
  const token = query.get('token')
  const accessKey = query.get('access_key')
  const sig = query.get('sig')
  if (!token || !accessKey || !sig) return undefined
  const session = ctx.state.sessions.get(token)
  if (!session) return undefined
  const genuine = await ctx.signer.verify(h5LinkSignatureText(token, accessKey), sig)
  return genuine ? session : undefined
}

/**
 * `GET /h5/liveness?token=...&access_key=...&sig=...[&lng=en][&outcome=pass]`. Opening the link
 * uses it up. With `outcome`, the session completes at once (for headless tests).
 */
export async function openH5Page(ctx: SimContext, url: URL): Promise<Response> {
  const language = pickLanguage(url.searchParams.get('lng'))
  const session = await sessionFromLink(ctx, url.searchParams)
  if (!session) return message(403, language, 'invalid')
  const now = ctx.clock.now()
  const problem = unusable(session, now)
  if (problem) return message(410, language, problem)

  const outcome = url.searchParams.get('outcome')
  if (outcome !== null) {
    if (!isH5Outcome(outcome)) return message(400, language, 'badOutcome')
    session.openedAt = now
    return finish(ctx, session, outcome, language)
  }

  session.openedAt = now
  session.formNonce = randomAlphanumeric(32)
  const html = choicePage({
    text: h5Text(language),
    language,
    formAction: `${ctx.basePath}/h5/liveness`,
    formNonce: session.formNonce,
    expiresAt: formatUpstreamIso(session.expiresAt),
  })
  return htmlResponse(200, html)
}

/** `POST /h5/liveness`: the choice page's form (`attempt`, `outcome`, `lng`). */
export async function submitH5Page(ctx: SimContext, request: Request): Promise<Response> {
  const form = new URLSearchParams(await readBodyText(request, MAX_FORM_BYTES))
  const language = pickLanguage(form.get('lng'))
  const attempt = form.get('attempt')
  const session = attempt
    ? [...ctx.state.sessions.values()].find((candidate) => candidate.formNonce === attempt)
    : undefined
  if (!session) return message(403, language, 'invalid')
  const now = ctx.clock.now()
  if (session.completion) return message(410, language, 'used')
  if (now >= session.expiresAt) return message(410, language, 'expired')

  const outcome = form.get('outcome')
  if (!isH5Outcome(outcome)) return message(400, language, 'badOutcome')
  return finish(ctx, session, outcome, language)
}

/** `GET /h5/liveness.css`: the page's stylesheet. */
export function h5Stylesheet(): Response {
  return new Response(H5_STYLESHEET, {
    headers: {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
    },
  })
}
