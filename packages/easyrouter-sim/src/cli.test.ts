import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url))

function run(args: string[]): ReturnType<typeof spawn> {
  // The same command line as `pnpm sim`: Node runs the TypeScript sources directly.
  return spawn(process.execPath, ['--conditions=@likeness/source', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

describe('the CLI', () => {
  it('prints one listening line, serves, and exits cleanly on SIGTERM', async () => {
    const child = run(['--port', '0', '--api-key', 'sk-secret-key'])
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]()
    const first = (await lines.next()).value as string
    const match = /^EasyRouter simulator listening at (http:\/\/127\.0\.0\.1:\d+)$/.exec(first)
    expect(match).not.toBeNull()
    const hint = (await lines.next()).value as string
    expect(hint).toContain('/__sim/health')
    expect(hint).toContain('x-sim-control: 1')
    expect(hint).not.toContain('sk-secret-key')

    const url = match![1]!
    const health = await fetch(`${url}/__sim/health`, { headers: { 'x-sim-control': '1' } })
    expect(health.status).toBe(200)
    expect((await fetch(`${url}/__sim/health`)).status).toBe(403)
    const refused = await fetch(`${url}/v1/video/generations/task_x`, {
      headers: { authorization: 'Bearer sk-other' },
    })
    expect(refused.status).toBe(401)

    child.kill('SIGTERM')
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(0)
  })

  it('prints usage for --help and fails on a bad option', async () => {
    const help = run(['--help'])
    let text = ''
    help.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()))
    expect((await once(help, 'exit'))[0]).toBe(0)
    expect(text).toContain('Usage: easyrouter-sim')

    const bad = run(['--port', 'nope'])
    let errors = ''
    bad.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    expect((await once(bad, 'exit'))[0]).toBe(2)
    expect(errors).toContain('--port')
  })
})
