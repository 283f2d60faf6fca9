import { badRequest, notFound } from './api-error.ts'
import type { Owner, SimContext } from './context.ts'
import { managementOk } from './envelope.ts'
import { outcomeCodes } from './h5-outcomes.ts'
import type { JsonObject } from './http.ts'
import { newBytedToken, newGroupId, uniqueId } from './ids.ts'
import { randomAlphanumeric, randomHex, randomUpperHex } from './random.ts'
import type { H5Outcome, SessionRecord } from './state.ts'
import { formatCompactStamp, formatUpstreamIso } from './time-format.ts'
import { isHttpUrl, optionalString } from './validate.ts'

/** Session statuses the simulator reports. */
export type SessionStatus = 'pending' | 'verified' | 'failed' | 'cancelled' | 'expired'

// The upstream's example account shows one channel; the value only has to be a stable number.
const CHANNEL_ID = 1

// The upstream returns its `h5_link` with `&` left as a JavaScript unicode escape. The six
// characters `\u0026` are written literally into the string, so that after JSON.parse the
// client still sees them and must decode them, as it must with the real API.
const ESCAPED_AMPERSAND = '\\u0026'

/** The status a session has at `nowMs`; expiry is computed, never scheduled. */
export function sessionStatus(session: SessionRecord, nowMs: number): SessionStatus {
  if (session.completion) return outcomeCodes(session.completion.outcome).status
  return nowMs >= session.expiresAt ? 'expired' : 'pending'
}

function lastChange(session: SessionRecord, nowMs: number): number {
  if (session.completion) return session.completion.at
  return nowMs >= session.expiresAt ? session.expiresAt : session.updatedAt
}

/** Canonical text the H5 link signature covers. */
export function h5LinkSignatureText(bytedToken: string, accessKey: string): string {
  return `h5\n${bytedToken}\n${accessKey}`
}

function newRequestId(nowMs: number): string {
  return `${formatCompactStamp(nowMs)}${randomUpperHex(18)}`
}

// Where the provider's own liveness page would live. The real one is `https://kyc.byteintl.com/`;
// `.invalid` never resolves, so a host that wrongly navigates to this link fails at once instead
// of sending the canary to a real server.
const PROVIDER_H5_ORIGIN = 'https://kyc.easyrouter-sim.invalid'

/**
 * The provider's link as EasyRouter's `raw_response` shows it: temporary access credentials in
 * the query. `secretAccessKey` and `sessionToken` start with the credential canary, so a leak of
 * `raw_response` anywhere is found by searching for it.
 */
function providerLink(bytedToken: string, canary: string): string {
  const query = new URLSearchParams({
    accessKeyId: `AKLT${randomAlphanumeric(32)}`,
    secretAccessKey: `${canary}${randomAlphanumeric(16)}`,
    sessionToken: `${canary}${randomAlphanumeric(64)}`,
    configId: randomHex(16),
    bytedToken,
  })
  return `${PROVIDER_H5_ORIGIN}/?${query.toString()}`
}

// Go's encoding/json writes `<`, `>` and `&` as unicode escapes; the provider's answer written
// that way is the likely source of the `\u0026` left in `h5_link`.
function goJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

function rawResponse(action: string, requestId: string, result: Record<string, unknown>): string {
  return goJson({
    ResponseMetadata: {
      RequestId: requestId,
      Action: action,
      Version: '2024-01-01',
      Service: 'ark',
      Region: 'ap-southeast-1',
    },
    Result: result,
  })
}

function resultRaw(session: SessionRecord, nowMs: number): string {
  const completion = session.completion
  const result: Record<string, unknown> = {
    BytedToken: session.bytedToken,
    Status: sessionStatus(session, nowMs),
  }
  if (completion) {
    const codes = outcomeCodes(completion.outcome)
    result['ResultCode'] = Number(codes.resultCode)
    result['AlgorithmBaseRespCode'] = Number(codes.algorithmBaseRespCode)
    result['ReqMeasureInfoValue'] = codes.billed ? 1 : 0
    result['VerifyType'] = 'real_time'
  }
  // The docs never show this answer. Assume the worst, that it repeats the session's link and
  // credentials, so a host treats every raw_response as the secret it may be.
  result['H5Link'] = session.providerLink
  return rawResponse('GetVisualValidateResult', session.requestId, result)
}

/** `POST {prefix}/sessions` (2.1). */
export async function createSession(
  ctx: SimContext,
  owner: Owner,
  body: JsonObject,
): Promise<Response> {
  const callbackUrl = optionalString(body['callback_url'], 'callback_url') ?? ''
  if (callbackUrl !== '' && !isHttpUrl(callbackUrl)) {
    throw badRequest('callback_url must be an absolute http(s) URL.')
  }
  const now = ctx.clock.now()
  const bytedToken = uniqueId(
    () => newBytedToken(now),
    (id) => ctx.state.sessions.has(id),
  )
  const session: SessionRecord = {
    owner,
    bytedToken,
    sessionId: bytedToken,
    callbackUrl,
    channelId: CHANNEL_ID,
    requestId: newRequestId(now),
    createdAt: now,
    updatedAt: now,
    expiresAt: now + ctx.timings.sessionTtlMs,
    openedAt: undefined,
    formNonce: undefined,
    completion: undefined,
    groupId: '',
    providerLink: providerLink(bytedToken, ctx.credentialCanary),
  }
  ctx.state.sessions.set(bytedToken, session)

  // Fake temporary credentials, in the spirit of the provider's link: the signature is what the
  // H5 page checks, so a link cannot be forged from a byted token alone.
  const accessKey = `AKLT${randomAlphanumeric(32)}`
  const sig = await ctx.signer.sign(h5LinkSignatureText(bytedToken, accessKey))
  const h5Link =
    `${ctx.baseUrl}/h5/liveness?token=${encodeURIComponent(bytedToken)}` +
    `${ESCAPED_AMPERSAND}access_key=${accessKey}${ESCAPED_AMPERSAND}sig=${sig}`

  return managementOk({
    session_id: session.sessionId,
    byted_token: bytedToken,
    h5_link: h5Link,
    callback_url: callbackUrl,
    channel_id: session.channelId,
    status: 'pending',
    raw_response: rawResponse('CreateVisualValidateSession', session.requestId, {
      BytedToken: bytedToken,
      CallbackURL: callbackUrl,
      H5Link: session.providerLink,
    }),
    group_id: '',
    expires_at: formatUpstreamIso(session.expiresAt),
    created_at: formatUpstreamIso(now),
    updated_at: formatUpstreamIso(now),
  })
}

/**
 * Finds the caller's session by `byted_token` or current `session_id`. Sessions of other
 * accounts are reported as missing, so ids cannot be probed across accounts.
 */
export function findOwnSession(
  ctx: SimContext,
  owner: Owner,
  id: string,
): SessionRecord | undefined {
  const byToken = ctx.state.sessions.get(id)
  const session =
    byToken ?? [...ctx.state.sessions.values()].find((candidate) => candidate.sessionId === id)
  return session?.owner === owner ? session : undefined
}

/**
 * `GET {prefix}/sessions/{id}` (2.2). The optional `result_code` query (the code the host read
 * from the callback) is accepted and ignored: the simulator knows the real outcome, just as the
 * upstream checks with the provider instead of trusting the browser.
 */
export function getSession(ctx: SimContext, owner: Owner, id: string): Response {
  const session = findOwnSession(ctx, owner, id)
  if (!session) throw notFound(`Session not found: ${id}`)
  const now = ctx.clock.now()
  const completion = session.completion
  return managementOk({
    session_id: session.sessionId,
    byted_token: session.bytedToken,
    group_id: session.groupId,
    channel_id: session.channelId,
    status: sessionStatus(session, now),
    result_code: completion ? outcomeCodes(completion.outcome).resultCode : '',
    callback_url: session.callbackUrl,
    raw_response: resultRaw(session, now),
    expires_at: formatUpstreamIso(session.expiresAt),
    created_at: formatUpstreamIso(session.createdAt),
    updated_at: formatUpstreamIso(lastChange(session, now)),
  })
}

/**
 * Records the H5 outcome. As upstream, the `session_id` is reissued at this point while the
 * `byted_token` stays; a passing outcome creates the person's asset group.
 */
export function completeSession(ctx: SimContext, session: SessionRecord, outcome: H5Outcome): void {
  const now = ctx.clock.now()
  session.completion = { outcome, at: now }
  session.updatedAt = now
  session.sessionId = uniqueId(
    () => newBytedToken(now),
    (id) => id === session.bytedToken || ctx.state.sessions.has(id),
  )
  if (outcomeCodes(outcome).status === 'verified') {
    const groupId = uniqueId(
      () => newGroupId(now),
      (id) => ctx.state.groups.has(id),
    )
    ctx.state.groups.set(groupId, { id: groupId, owner: session.owner, createdAt: now })
    session.groupId = groupId
  }
}
