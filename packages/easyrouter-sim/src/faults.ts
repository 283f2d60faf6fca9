/**
 * A failure to inject into API requests (management and video paths only). Rules are tried in
 * the order they were added; the first that matches a request applies to it.
 *
 * @example
 * ```ts
 * // The next two video submissions are rate limited.
 * sim.faults.add({
 *   method: 'POST',
 *   path: '/v1/video/generations',
 *   status: 429,
 *   retryAfterSeconds: 2,
 *   times: 2,
 * })
 * ```
 */
export interface FaultRule {
  /** HTTP method to match (any case). Default: every method. */
  method?: string
  /**
   * URL path to match: a prefix (`/v1/video`), or a glob where `*` matches any characters,
   * `/` included (`/v1/video/generations/task_*`). Default: every API path.
   */
  path?: string
  /** Answer with this status and an error body in the API's own shape. */
  status?: number
  /** `Retry-After` seconds; a 429 always carries one (default 1). */
  retryAfterSeconds?: number
  /** Wait this long (real time) before answering; an aborted request stops waiting. */
  latencyMs?: number
  /** Answer with a body that is not valid JSON (status 200 unless `status` is set). */
  malformed?: boolean
  /** Drop the connection: in process the call rejects with a `TypeError`, as fetch does. */
  drop?: boolean
  /** How many matching requests the rule affects. Default: unlimited. */
  times?: number
  /** The error message in the body. */
  message?: string
}

/**
 * A rule as {@link FaultRegistry.list} reports it.
 *
 * @example
 * ```ts
 * const [first]: FaultInfo[] = sim.faults.list()
 * first?.remaining // undefined when unlimited
 * ```
 */
export interface FaultInfo extends FaultRule {
  readonly id: string
  /** Matching requests it will still affect; `undefined` when unlimited. */
  readonly remaining: number | undefined
}

/**
 * Removes the rule it was returned for; its `id` names the rule in `list()` and the control API.
 *
 * @example
 * ```ts
 * const remove: RemoveFault = sim.faults.add({ status: 503 })
 * remove()
 * ```
 */
export type RemoveFault = (() => void) & { readonly id: string }

/**
 * The simulator's fault rules.
 *
 * @example
 * ```ts
 * const remove = sim.faults.add({ path: '/v1/video/generations', drop: true, times: 1 })
 * sim.faults.list() // [{ id: 'fault-1', path: '/v1/video/generations', drop: true, times: 1, remaining: 1 }]
 * remove()
 * sim.faults.clear()
 * ```
 */
export interface FaultRegistry {
  /** Adds a rule and returns the function that removes it. Throws a `TypeError` for a bad rule. */
  add(rule: FaultRule): RemoveFault
  /** Removes a rule by id; `false` if there was none. */
  remove(id: string): boolean
  /** Removes every rule. */
  clear(): void
  /** The active rules, in matching order. */
  list(): FaultInfo[]
}

/** The registry plus what the request pipeline needs. */
export interface FaultEngine extends FaultRegistry {
  /** The first rule matching the request, using up one of its `times`. */
  take(method: string, path: string): FaultRule | undefined
}

interface StoredRule {
  id: string
  rule: FaultRule
  remaining: number | undefined
  matchesPath: (path: string) => boolean
}

/**
 * Thrown by `handle`/`fetch` for a `drop` fault: a `TypeError`, like fetch's network failures,
 * so clients exercise their real network-error path. The standalone server destroys the socket.
 *
 * @example
 * ```ts
 * await sim.fetch(url).catch((error: unknown) => error instanceof SimulatedDropError) // true
 * ```
 */
export class SimulatedDropError extends TypeError {
  constructor() {
    super('fetch failed', {
      cause: new Error('The simulator dropped the connection (fault injection).'),
    })
    this.name = 'TypeError'
  }
}

const NULL_BODY = new Set([204, 205, 304])

function globToMatcher(pattern: string): (path: string) => boolean {
  if (!pattern.includes('*')) return (path) => path.startsWith(pattern)
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  const regex = new RegExp(`^${source}$`)
  return (path) => regex.test(path)
}

function isNonNegative(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}

/** Checks a rule's fields; throws a `TypeError` naming the bad one. */
export function validateFaultRule(rule: unknown): FaultRule {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) {
    throw new TypeError('A fault rule must be an object.')
  }
  const r = rule as Record<string, unknown>
  const check = (ok: boolean, message: string): void => {
    if (!ok) throw new TypeError(message)
  }
  const known = ['method', 'path', 'status', 'retryAfterSeconds', 'latencyMs', 'malformed']
  known.push('drop', 'times', 'message')
  for (const key of Object.keys(r)) check(known.includes(key), `Unknown fault rule field: ${key}.`)
  const has = (key: string): boolean => r[key] !== undefined
  check(!has('method') || typeof r['method'] === 'string', 'method must be a string.')
  check(
    !has('path') || (typeof r['path'] === 'string' && r['path'].startsWith('/')),
    'path must be a string starting with "/".',
  )
  // An error status, or any status with a body when the point is the malformed body.
  const status = Number(r['status'])
  const lowest = r['malformed'] === true ? 200 : 400
  check(
    !has('status') ||
      (Number.isInteger(r['status']) &&
        status >= lowest &&
        status <= 599 &&
        !NULL_BODY.has(status)),
    `status must be an integer from ${lowest} to 599${lowest === 200 ? ' that allows a body' : ''}.`,
  )
  check(
    !has('retryAfterSeconds') || isNonNegative(r['retryAfterSeconds']),
    'retryAfterSeconds must be a number >= 0.',
  )
  check(!has('latencyMs') || isNonNegative(r['latencyMs']), 'latencyMs must be a number >= 0.')
  check(!has('malformed') || typeof r['malformed'] === 'boolean', 'malformed must be a boolean.')
  check(!has('drop') || typeof r['drop'] === 'boolean', 'drop must be a boolean.')
  check(
    !has('times') || (Number.isInteger(r['times']) && Number(r['times']) >= 1),
    'times must be an integer >= 1.',
  )
  check(!has('message') || typeof r['message'] === 'string', 'message must be a string.')
  check(
    has('status') || has('latencyMs') || r['malformed'] === true || r['drop'] === true,
    'A fault rule needs at least one effect: status, latencyMs, malformed or drop.',
  )
  // Only the known fields, already checked above, make it into the stored rule.
  const clean: Record<string, unknown> = {}
  for (const key of known) if (r[key] !== undefined) clean[key] = r[key]
  return clean
}

/** Creates an empty fault registry. */
export function createFaultEngine(): FaultEngine {
  let rules: StoredRule[] = []
  let nextId = 1

  const remove = (id: string): boolean => {
    const before = rules.length
    rules = rules.filter((stored) => stored.id !== id)
    return rules.length !== before
  }

  return {
    add(input) {
      const rule = validateFaultRule(input)
      const id = `fault-${nextId++}`
      rules.push({
        id,
        rule,
        remaining: rule.times,
        matchesPath: rule.path === undefined ? () => true : globToMatcher(rule.path),
      })
      return Object.assign(() => void remove(id), { id })
    },
    remove,
    clear() {
      rules = []
    },
    list() {
      return rules.map((stored) => ({ ...stored.rule, id: stored.id, remaining: stored.remaining }))
    },
    take(method, path) {
      const stored = rules.find(
        (candidate) =>
          (candidate.rule.method === undefined ||
            candidate.rule.method.toUpperCase() === method.toUpperCase()) &&
          candidate.matchesPath(path),
      )
      if (!stored) return undefined
      if (stored.remaining !== undefined) {
        stored.remaining -= 1
        if (stored.remaining === 0) remove(stored.id)
      }
      return stored.rule
    },
  }
}
