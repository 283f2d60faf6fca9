import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SimulatedDropError } from '../faults.ts'
import type { SimulatorOptions } from '../options.ts'
import { createSimulator, type Simulator } from '../simulator.ts'
import { toWebRequest, writeWebResponse } from './bridge.ts'

/**
 * Options of {@link startSimulatorServer}: the simulator's options (with `baseUrl` optional)
 * plus where to listen.
 *
 * @example
 * ```ts
 * const options: SimulatorServerOptions = { port: 4010, apiKeys: ['sk-test'] }
 * ```
 */
export interface SimulatorServerOptions extends Omit<SimulatorOptions, 'baseUrl'> {
  /** Public base URL for links. Default: the listening address. */
  baseUrl?: string
  /** TCP port; `0` (the default) picks a free one. */
  port?: number
  /**
   * Interface to listen on. Default `127.0.0.1`: the control endpoints have no authentication
   * (their `x-sim-control` header only keeps other websites out).
   */
  host?: string
}

/**
 * A running standalone simulator.
 *
 * @example
 * ```ts
 * const server: SimulatorServer = await startSimulatorServer({ port: 0 })
 * await server.close()
 * ```
 */
export interface SimulatorServer {
  /** The listening address, e.g. `http://127.0.0.1:4010`. */
  url: string
  simulator: Simulator
  /** Stops listening and closes every open connection. */
  close(): Promise<void>
}

function listeningUrl(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return `http://${host}:${address.port}`
}

async function serve(
  simulator: Simulator,
  origin: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const aborter = new AbortController()
  res.on('close', () => {
    if (!res.writableFinished)
      aborter.abort(new DOMException('The client went away.', 'AbortError'))
  })
  let response: Response
  try {
    response = await simulator.handle(toWebRequest(req, origin, aborter.signal))
  } catch (error) {
    if (error instanceof SimulatedDropError) {
      req.socket.destroy()
      return
    }
    if (aborter.signal.aborted) return
    console.error('easyrouter-sim: request failed', error)
    response = new Response('The simulator failed unexpectedly.', { status: 500 })
  }
  await writeWebResponse(res, response)
}

/**
 * Starts the simulator as an HTTP server on `node:http`.
 *
 * @example
 * ```ts
 * import { startSimulatorServer } from '@likeness/easyrouter-sim/node'
 *
 * const server = await startSimulatorServer({ port: 0 })
 * const health = await fetch(`${server.url}/__sim/health`, { headers: { 'x-sim-control': '1' } })
 * await server.close()
 * ```
 */
export async function startSimulatorServer(
  options: SimulatorServerOptions = {},
): Promise<SimulatorServer> {
  const { port = 0, host = '127.0.0.1', baseUrl, ...simulatorOptions } = options
  // The handler is attached once listening: only then is the port (and so the base URL) known.
  const server = createServer()

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })

  const url = listeningUrl(server.address() as AddressInfo)
  const simulator = createSimulator({ ...simulatorOptions, baseUrl: baseUrl ?? url })
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void serve(simulator, url, req, res)
  })

  return {
    url,
    simulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error)
          else resolve()
        })
        // Keep-alive and slow (latency fault) connections would otherwise hold close() open.
        server.closeAllConnections()
      }),
  }
}
