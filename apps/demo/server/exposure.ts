// Who may reach the demo. On the simulator nothing real is at stake; with a real EasyRouter key,
// a demo others can reach spends the key's account and holds the faces people upload, so it
// starts only behind a password.
import { createHash, timingSafeEqual } from 'node:crypto'
import { BlockList, isIP } from 'node:net'

/** What decides whether the demo may start as configured. */
export interface ExposureSettings {
  /** `EASYROUTER_API_KEY`: the real service, on someone's account. */
  easyrouterApiKey?: string | undefined
  /** `PUBLIC_URL`: where others reach the demo. */
  publicUrl?: string | undefined
  /** `HOST`: the interface the server listens on. Default `127.0.0.1`. */
  host?: string | undefined
  /** `DEMO_PASSWORD`: asked of every request when set. */
  password?: string | undefined
}

const loopback = new BlockList()
loopback.addSubnet('127.0.0.0', 8, 'ipv4')
loopback.addAddress('::1', 'ipv6')

/**
 * Whether a host name or address (as in a URL, IPv6 with or without brackets) stays on this
 * machine: `localhost`, `127.0.0.0/8` or `::1`.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  if (bare === 'localhost' || bare === 'localhost.') return true
  const family = isIP(bare)
  return family !== 0 && loopback.check(bare, family === 4 ? 'ipv4' : 'ipv6')
}

function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname)
  } catch {
    return false
  }
}

/**
 * Why the demo must not start with these settings, or `null` when it may. With a real EasyRouter
 * key, a public URL or a listening interface beyond this machine needs a password.
 *
 * @example
 * ```ts
 * exposureProblem({ easyrouterApiKey: 'sk-...', publicUrl: 'https://demo.example' }) // "Refusing to start: ..."
 * exposureProblem({ easyrouterApiKey: 'sk-...', publicUrl: 'https://demo.example', password: 'pw' }) // null
 * ```
 */
export function exposureProblem(settings: ExposureSettings): string | null {
  if (!settings.easyrouterApiKey || settings.password) return null
  const reachable = [
    settings.publicUrl && !isLoopbackUrl(settings.publicUrl)
      ? `PUBLIC_URL is ${settings.publicUrl}`
      : null,
    settings.host !== undefined && !isLoopbackHost(settings.host)
      ? `HOST is ${settings.host}`
      : null,
  ].filter((reason) => reason !== null)
  if (reachable.length === 0) return null
  return [
    `Refusing to start: EASYROUTER_API_KEY is set and ${reachable.join(' and ')}, so other machines can reach this demo.`,
    'Anyone who reaches it could spend your EasyRouter account and see the faces people upload.',
    'Set DEMO_PASSWORD to a password of your choice: every page and request will then ask for it',
    '(HTTP Basic authentication, any user name), except the upload links EasyRouter itself fetches.',
  ].join('\n')
}

/** The realm browsers show when they ask for the password. */
export const PASSWORD_REALM = 'Likeness demo (DEMO_PASSWORD)'

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest()

/**
 * Whether an `Authorization` header carries the password, with HTTP Basic authentication and
 * any user name. The comparison takes the same time whatever the guess.
 */
export function passwordAccepted(authorization: string | undefined, password: string): boolean {
  const credentials = /^basic\s+([A-Za-z0-9+/]+=*)\s*$/i.exec(authorization ?? '')?.[1]
  if (!credentials) return false
  const decoded = Buffer.from(credentials, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon === -1) return false
  return timingSafeEqual(digest(decoded.slice(colon + 1)), digest(password))
}
