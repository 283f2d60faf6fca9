import { LikenessError } from '@likeness/core'
import type { EasyRouterClient } from '@likeness/easyrouter'

/**
 * EasyRouter as the routes call it: the client's nine methods, each of which fails only with an
 * error already fit for the browser (`fromUpstream`), EasyRouter's own error kept as its
 * `cause` for the operator's report and for the rare caller that must read it
 * (`certainlyNotCreated`). Routes never see the bare client, so no call can forget the mapping.
 */
export function mapUpstreamErrors(client: EasyRouterClient): EasyRouterClient {
  return {
    createSession: (...args) => mapped(() => client.createSession(...args)),
    getSession: (...args) => mapped(() => client.getSession(...args)),
    uploadAsset: (...args) => mapped(() => client.uploadAsset(...args)),
    listAssets: (...args) => mapped(() => client.listAssets(...args)),
    getAsset: (...args) => mapped(() => client.getAsset(...args)),
    deleteAsset: (...args) => mapped(() => client.deleteAsset(...args)),
    deleteAssetGroup: (...args) => mapped(() => client.deleteAssetGroup(...args)),
    createVideoTask: (...args) => mapped(() => client.createVideoTask(...args)),
    getVideoTask: (...args) => mapped(() => client.getVideoTask(...args)),
  }
}

async function mapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw fromUpstream(error)
  }
}

/**
 * The answer of an upstream call, or `undefined` when EasyRouter says there is no such thing:
 * for the callers to whom "already gone" is an answer rather than a failure.
 */
export async function unlessMissing<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call
  } catch (error) {
    if (error instanceof LikenessError && error.code === 'not_found') return undefined
    throw error
  }
}

/**
 * Whether a create that failed upstream certainly created nothing: EasyRouter refused it with a
 * 4xx, or the client refused to send it. After a 5xx, a timeout or a lost connection it may have
 * happened. `error` is the mapped one; the decision reads EasyRouter's own error, its `cause`.
 */
export function certainlyNotCreated(error: unknown): boolean {
  const upstream = error instanceof LikenessError ? error.cause : undefined
  if (!(upstream instanceof LikenessError)) return false
  if (upstream.status === undefined) return upstream.code === 'invalid_request'
  return upstream.status >= 400 && upstream.status < 500
}

/**
 * Re-labels an error from EasyRouter for the browser. The browser must not mistake the
 * server's own credentials problem for its own (`unauthorized` would mean "sign in"), and
 * upstream statuses become the protocol's.
 */
function fromUpstream(error: unknown): LikenessError {
  if (!(error instanceof LikenessError)) {
    return new LikenessError('unknown', {
      message: 'Something went wrong on the server.',
      cause: error,
    })
  }
  switch (error.code) {
    case 'unauthorized':
    case 'forbidden':
      return new LikenessError('upstream_error', {
        message: 'The video service refused this server’s credentials.',
        retryable: false,
        cause: error,
      })
    case 'not_found':
      return new LikenessError('not_found', { message: 'No such item.', cause: error })
    case 'invalid_request':
      // EasyRouter's own wording may name ids the browser must not see; it stays in `cause`.
      return new LikenessError('invalid_request', {
        message: 'The video service refused the request.',
        cause: error,
      })
    default:
      return new LikenessError(error.code, {
        retryable: error.retryable,
        retryAfterMs: error.retryAfterMs,
        cause: error,
      })
  }
}
