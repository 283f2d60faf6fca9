import {
  classifyVerificationResult,
  LikenessError,
  parseVerificationCallback,
  VERIFICATION_FAILURE_MESSAGES,
  type VerificationFailureCode,
  type VerificationMode,
  type VerificationSession,
} from '@likeness/core'
import { publicRoute, takeAllowance, type HandlerContext } from './context.ts'
import { currentVerification } from './current-verification.ts'
import { fail, json, readJsonObject } from './http.ts'
import { otherDevicePage, popupResultPage, rejectedPage } from './pages.ts'
import { resolveReturnTo } from './return-to.ts'
import { randomToken } from './signing.ts'
import { createState, readState } from './state-token.ts'
import type { VerificationRecord } from './store/types.ts'

/** The browser's view of a verification: no token, no group. */
export function toSession(record: VerificationRecord): VerificationSession {
  return {
    id: record.id,
    status: record.status,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    expiresAt: new Date(record.expiresAt).toISOString(),
    ...(record.failure ? { failure: record.failure } : {}),
  }
}

// EasyRouter's page takes `zh` (default), `en` or `zh-Hant`.
function liveness_language(locale: string | undefined): string | undefined {
  if (!locale) return undefined
  const tag = locale.toLowerCase()
  if (/^zh-(hant|tw|hk|mo)\b/.test(tag)) return 'zh-Hant'
  if (tag === 'zh' || tag.startsWith('zh-')) return 'zh'
  return 'en'
}

// The callback must come back to the browser that started the verification. The start route
// sets a cookie holding the verification's binding nonce; the callback completes nothing
// without it. The nonce is an HMAC of the verification id (which the signed `state` names), so
// nothing needs storing, nobody without the secret can compute it from the state in the
// callback URL, and a handoff page of this handler could later set the same nonce on another
// device the person confirms.
const BINDING_COOKIE = 'likeness_binding'
const BINDING_PURPOSE = 'likeness-verification-binding'

function bindingNonce(ctx: HandlerContext, verificationId: string): Promise<string> {
  return ctx.signer.sign(BINDING_PURPOSE, verificationId)
}

/**
 * The binding cookie: `HttpOnly` (no script reads it), `SameSite=Lax` (sent on the top-level
 * GET that brings the person back from the liveness page, on no cross-site subrequest),
 * `Secure` on https, and only for the verification routes.
 */
function bindingCookie(ctx: HandlerContext, value: string, maxAgeSeconds: number): string {
  const path = publicRoute(ctx, '/verification').pathname
  const secure = ctx.options.publicUrl.protocol === 'https:' ? '; Secure' : ''
  return `${BINDING_COOKIE}=${value}; Path=${path}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`
}

async function isBoundBrowser(
  ctx: HandlerContext,
  request: Request,
  verificationId: string,
): Promise<boolean> {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [name, ...value] = part.split('=')
    if (name?.trim() !== BINDING_COOKIE) continue
    // subtle.verify compares in constant time.
    if (await ctx.signer.verify(BINDING_PURPOSE, verificationId, value.join('=').trim())) {
      return true
    }
  }
  return false
}

function checkReturnTo(ctx: HandlerContext, value: unknown): string {
  const { publicUrl, allowedReturnTo } = ctx.options
  if (value === undefined) return new URL('/', publicUrl.origin).toString()
  const resolved =
    typeof value === 'string'
      ? resolveReturnTo(value, publicUrl.origin, allowedReturnTo)
      : undefined
  if (resolved === undefined) {
    throw fail('invalid_request', 'returnTo is not an allowed address.', { field: 'returnTo' })
  }
  return resolved
}

function openerOrigin(ctx: HandlerContext, request: Request): string {
  const origin = request.headers.get('origin')
  if (origin && ctx.options.allowedOrigins.has(origin)) return origin
  return ctx.options.publicUrl.origin
}

/** `POST /verification`: starts a liveness session and returns the page to open. */
export async function startVerification(
  ctx: HandlerContext,
  request: Request,
  userId: string,
): Promise<Response> {
  const body = await readJsonObject(request)
  const mode: VerificationMode = body.mode === 'popup' ? 'popup' : 'redirect'
  if (body.mode !== undefined && body.mode !== 'popup' && body.mode !== 'redirect') {
    throw fail('invalid_request', 'mode must be "redirect" or "popup".', { field: 'mode' })
  }
  if (body.locale !== undefined && (typeof body.locale !== 'string' || body.locale.length > 35)) {
    throw fail('invalid_request', 'locale must be a language tag like "en" or "zh-CN".', {
      field: 'locale',
    })
  }
  const returnTo = checkReturnTo(ctx, body.returnTo)

  const current = await currentVerification(ctx, userId)
  if (current?.status === 'verified') {
    throw fail(
      'conflict',
      'You are already verified. Delete your likeness data first to verify again.',
    )
  }
  takeAllowance(ctx, 'verification', userId)

  const now = ctx.now()
  const id = randomToken(18)
  const expiresAt = now + ctx.options.limits.verificationTtlMs
  const callback = publicRoute(ctx, '/verification/callback')
  callback.searchParams.set('state', await createState(ctx.signer, id, expiresAt))

  const session = await ctx.upstream.createSession(
    { callbackUrl: callback.toString() },
    { signal: request.signal },
  )
  if (!session.h5Link) {
    throw new LikenessError('malformed_response', {
      message: 'The verification service sent no page to open.',
    })
  }
  const link = new URL(session.h5Link)
  const language = liveness_language(body.locale)
  if (language) link.searchParams.set('lng', language)

  if (current?.status === 'pending') {
    await ctx.store.updateVerification(
      current.id,
      { status: 'expired', updatedAt: now, failure: failure('expired') },
      {
        expectedStatus: 'pending',
      },
    )
  }
  const record: VerificationRecord = {
    id,
    userId,
    bytedToken: session.bytedToken,
    status: 'pending',
    mode,
    returnTo,
    ...(mode === 'popup' ? { openerOrigin: openerOrigin(ctx, request) } : {}),
    createdAt: now,
    updatedAt: now,
    expiresAt,
  }
  await ctx.store.createVerification(record)
  ctx.audit({ type: 'verification.started', userId, id })
  const headers: Record<string, string> = {}
  if (ctx.options.bindVerificationToBrowser) {
    const lifetime = Math.ceil(ctx.options.limits.verificationTtlMs / 1000)
    headers['set-cookie'] = bindingCookie(ctx, await bindingNonce(ctx, id), lifetime)
  }
  // The link carries temporary credentials: it goes to this browser only and is never stored.
  return json(201, { session: toSession(record), url: link.toString() }, headers)
}

/** `GET /verification`: the user's current verification, or `null`. */
export async function readVerification(
  ctx: HandlerContext,
  request: Request,
  userId: string,
): Promise<Response> {
  let record = await currentVerification(ctx, userId)
  if (record?.status === 'pending') record = await settlePending(ctx, record, request.signal)
  return json(200, { session: record ? toSession(record) : null })
}

/**
 * `DELETE /verification`: the person abandoned the liveness page. A pending verification
 * without a callback becomes `failed` (`cancelled`); anything else is returned unchanged.
 */
export async function cancelVerification(
  ctx: HandlerContext,
  request: Request,
  userId: string,
): Promise<Response> {
  const record = await currentVerification(ctx, userId)
  if (record?.status === 'pending') {
    const now = ctx.now()
    const applied = await ctx.store.updateVerification(
      record.id,
      { status: 'failed', failure: failure('cancelled'), updatedAt: now },
      { expectedStatus: 'pending', expectCallbackUnset: true },
    )
    if (applied)
      ctx.audit({ type: 'verification.failed', userId, id: record.id, reason: 'cancelled' })
  }
  return readVerification(ctx, request, userId)
}

// A pending verification either expired, or got its callback while EasyRouter could not
// confirm it: try again now. Transient upstream errors leave it pending.
async function settlePending(
  ctx: HandlerContext,
  record: VerificationRecord,
  signal: AbortSignal,
): Promise<VerificationRecord> {
  const now = ctx.now()
  if (record.callback) {
    try {
      return await confirm(ctx, record, record.callback.resultCode, record.callback.subCode, signal)
    } catch {
      return record
    }
  }
  if (now <= record.expiresAt) return record
  const patch = { status: 'expired' as const, updatedAt: now, failure: failure('expired') }
  await ctx.store.updateVerification(record.id, patch, {
    expectedStatus: 'pending',
    expectCallbackUnset: true,
  })
  return (await ctx.store.getVerification(record.id)) ?? record
}

function failure(
  code: VerificationFailureCode,
  codes: { resultCode?: string | undefined; subCode?: string | undefined } = {},
) {
  return {
    code,
    message: VERIFICATION_FAILURE_MESSAGES[code],
    ...(codes.resultCode ? { resultCode: codes.resultCode } : {}),
    ...(codes.subCode ? { subCode: codes.subCode } : {}),
  }
}

/**
 * Decides a pending verification from the callback's codes and EasyRouter's own answer:
 * verified only when the codes pass and EasyRouter reports the session verified with a group.
 * Throws (leaving it pending) when EasyRouter cannot be asked right now.
 */
async function confirm(
  ctx: HandlerContext,
  record: VerificationRecord,
  resultCode: string,
  subCode: string | undefined,
  signal: AbortSignal,
): Promise<VerificationRecord> {
  const claimed = classifyVerificationResult(resultCode, subCode)
  let patch: Partial<VerificationRecord>
  if (claimed !== null) {
    patch = { status: 'failed', failure: failure(claimed, { resultCode, subCode }) }
  } else {
    const upstream = await ctx.upstream.getSession(record.bytedToken, { resultCode }, { signal })
    patch =
      upstream.status === 'verified' && upstream.groupId
        ? { status: 'verified', groupId: upstream.groupId, failure: undefined }
        : { status: 'failed', failure: failure('not_confirmed', { resultCode, subCode }) }
  }
  const applied = await ctx.store.updateVerification(
    record.id,
    { ...patch, updatedAt: ctx.now() },
    { expectedStatus: 'pending' },
  )
  const latest = (await ctx.store.getVerification(record.id)) ?? record
  if (applied) {
    ctx.audit({
      type: latest.status === 'verified' ? 'verification.verified' : 'verification.failed',
      userId: record.userId,
      id: record.id,
      reason: latest.failure?.code,
    })
  }
  return latest
}

/**
 * `GET /verification/callback`: where EasyRouter's page sends the browser. Needs no login
 * (cookies may not travel on this cross-site redirect); the signed `state` names the
 * verification and the `bytedToken` must be that verification's. Single use.
 */
export async function verificationCallback(
  ctx: HandlerContext,
  request: Request,
  url: URL,
  userId: string | null,
): Promise<Response> {
  const home = new URL('/', ctx.options.publicUrl.origin).toString()
  const reject = (status: number, reason: string, message: string, record?: VerificationRecord) => {
    ctx.audit({
      type: 'verification.callback_rejected',
      userId: record?.userId,
      id: record?.id,
      reason,
    })
    return rejectedPage(status, message, record?.returnTo ?? home)
  }

  const state = await readState(ctx.signer, url.searchParams.get('state'), ctx.now())
  if (!state.ok) {
    return state.reason === 'expired'
      ? reject(410, 'expired', 'This verification took too long and has expired.')
      : reject(400, 'forged', 'This link was not issued by this app.')
  }
  const record = await ctx.store.getVerification(state.verificationId)
  if (!record) return reject(400, 'unknown', 'This verification does not exist.')
  if (userId && userId !== record.userId) {
    return reject(403, 'other_user', 'This verification belongs to another account.', record)
  }
  const params = new URLSearchParams(url.searchParams)
  params.delete('state')
  const callback = parseVerificationCallback(params)
  if (callback.outcome === 'invalid' || !callback.resultCode) {
    return reject(400, 'malformed', 'The verification result was incomplete or malformed.', record)
  }
  if (callback.bytedToken !== record.bytedToken) {
    return reject(400, 'mismatch', 'This result belongs to a different verification.', record)
  }
  if (record.status !== 'pending' || record.callback || record.endedAt !== undefined) {
    return reject(409, 'replayed', 'This verification has already been completed.', record)
  }
  if (ctx.options.bindVerificationToBrowser && !(await isBoundBrowser(ctx, request, record.id))) {
    // Someone finished the check in a browser that did not start it: a forwarded link, most
    // likely. It completes nothing and stays pending for the browser that did start it.
    ctx.audit({
      type: 'verification.callback_rejected',
      userId: record.userId,
      id: record.id,
      reason: 'unbound',
    })
    return otherDevicePage(record.returnTo ?? home)
  }

  const claimed = {
    resultCode: callback.resultCode,
    subCode: callback.algorithmBaseRespCode ?? undefined,
    at: ctx.now(),
  }
  const won = await ctx.store.updateVerification(
    record.id,
    { callback: claimed, updatedAt: claimed.at },
    { expectedStatus: 'pending', expectCallbackUnset: true },
  )
  if (!won) return reject(409, 'replayed', 'This verification has already been completed.', record)

  let final = record
  try {
    final = await confirm(
      ctx,
      { ...record, callback: claimed },
      claimed.resultCode,
      claimed.subCode,
      request.signal,
    )
  } catch {
    // EasyRouter could not be asked; the verification stays pending and the next read of it
    // confirms. The browser goes back to the app, which shows it as pending.
  }
  const response = finish(ctx, final)
  // The cookie has done its work; a pending verification (EasyRouter could not confirm yet) is
  // confirmed by the next read, which needs no cookie.
  if (ctx.options.bindVerificationToBrowser) {
    response.headers.append('set-cookie', bindingCookie(ctx, '', 0))
  }
  return response
}

function finish(ctx: HandlerContext, record: VerificationRecord): Response {
  const backTo = record.returnTo ?? new URL('/', ctx.options.publicUrl.origin).toString()
  if (record.mode === 'popup') {
    return popupResultPage({
      scriptUrl: publicRoute(ctx, '/verification/popup.js').pathname,
      openerOrigin: record.openerOrigin ?? ctx.options.publicUrl.origin,
      sessionId: record.id,
      status: record.status,
      backTo,
    })
  }
  const target = new URL(backTo)
  target.searchParams.set('likeness_verification', record.status)
  return new Response(null, {
    status: 303,
    headers: {
      location: target.toString(),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    },
  })
}
