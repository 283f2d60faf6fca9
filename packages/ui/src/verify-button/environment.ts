/**
 * Why this browser may not be able to finish a liveness check: `insecure` (no HTTPS, so no
 * camera), `no_camera` (no camera API at all), `in_app` (an app's built-in web view, which
 * often blocks the camera or the return to this page).
 */
export type EnvironmentIssue = 'insecure' | 'no_camera' | 'in_app'

/** What {@link checkVerificationEnvironment} looks at; each defaults to this browser's. */
export interface VerificationEnvironment {
  isSecureContext?: boolean | undefined
  hasCamera?: boolean | undefined
  userAgent?: string | undefined
}

// Web views of apps that are known to open links inside themselves (WeChat, QQ, Weibo,
// Douyin/TikTok, Facebook, Instagram, LINE, X, LinkedIn, Snapchat) and Android's generic `wv`.
const IN_APP =
  /MicroMessenger|\bQQ\/|Weibo|aweme|BytedanceWebview|musical_ly|TikTok|FBAN|FBAV|Instagram|\bLine\/|Twitter|LinkedInApp|Snapchat|; wv\)/i

/**
 * A light check (in the browser), before sending a person to the liveness page, of what would stop them there.
 * It never blocks: the button shows guidance and lets them continue anyway.
 *
 * @example
 * ```ts
 * checkVerificationEnvironment({ userAgent: 'Mozilla/5.0 ... MicroMessenger/8.0' }) // ['in_app']
 * ```
 */
export function checkVerificationEnvironment(
  environment: VerificationEnvironment = {},
): EnvironmentIssue[] {
  const secure = environment.isSecureContext ?? window.isSecureContext
  // Browsers leave `mediaDevices` out entirely on insecure pages and in old web views.
  const camera =
    environment.hasCamera ??
    ('mediaDevices' in navigator && typeof navigator.mediaDevices.getUserMedia === 'function')
  const agent = environment.userAgent ?? navigator.userAgent
  const issues: EnvironmentIssue[] = []
  if (!secure) issues.push('insecure')
  else if (!camera) issues.push('no_camera')
  if (IN_APP.test(agent)) issues.push('in_app')
  return issues
}
