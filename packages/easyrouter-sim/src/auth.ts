import { ApiError } from './api-error.ts'
import type { Owner } from './context.ts'

const CHALLENGE = { 'www-authenticate': 'Bearer' }

/**
 * Reads `Authorization: Bearer <key>` and returns the account it stands for: the key itself.
 * With an allow-list, only listed keys pass; without one, any non-empty key does.
 */
export function authenticate(request: Request, apiKeys: ReadonlySet<string> | undefined): Owner {
  const header = request.headers.get('authorization')
  const match = header === null ? null : /^Bearer\s+(\S.*)$/i.exec(header.trim())
  const key = match?.[1]?.trim()
  if (!key) {
    throw new ApiError(401, 'Missing API key: send the header "Authorization: Bearer <key>".', {
      code: 'missing_api_key',
      headers: CHALLENGE,
    })
  }
  if (apiKeys && !apiKeys.has(key)) {
    // Never echo the key back: error bodies end up in logs.
    throw new ApiError(401, 'Invalid API key.', { code: 'invalid_api_key', headers: CHALLENGE })
  }
  return key
}
