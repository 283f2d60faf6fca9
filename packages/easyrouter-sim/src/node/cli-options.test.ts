import { describe, expect, it } from 'vitest'
import { parseCliArgs } from './cli-options.ts'

describe('parseCliArgs', () => {
  it('defaults to 127.0.0.1:4010', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'run', options: { port: 4010, host: '127.0.0.1' } })
  })

  it('reads every option', () => {
    const command = parseCliArgs(
      [
        '--port',
        '0',
        '--host',
        '0.0.0.0',
        '--base-url',
        'https://sim.example',
        '--api-key',
        'sk-a',
        '--api-key',
        'sk-b',
        '--asset-processing-ms',
        '100',
        '--asset-fetch-timeout-ms',
        '200',
        '--video-queued-ms',
        '300',
        '--video-generation-ms',
        '400',
        '--session-ttl-ms',
        '500',
        '--signed-url-ttl-ms',
        '600',
        '--max-asset-bytes',
        '700',
        '--no-control',
      ],
      { EASYROUTER_SIM_API_KEYS: 'sk-c, sk-d' },
    )
    expect(command).toEqual({
      kind: 'run',
      options: {
        port: 0,
        host: '0.0.0.0',
        baseUrl: 'https://sim.example',
        apiKeys: ['sk-a', 'sk-b', 'sk-c', 'sk-d'],
        maxAssetBytes: 700,
        control: false,
        timings: {
          assetProcessingMs: 100,
          assetFetchTimeoutMs: 200,
          videoQueuedMs: 300,
          videoGenerationMs: 400,
          sessionTtlMs: 500,
          signedUrlTtlMs: 600,
        },
      },
    })
  })

  it('asks for help with --help or -h', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' })
    expect(parseCliArgs(['-h'])).toEqual({ kind: 'help' })
  })

  it.each([
    [['--port', 'abc'], '--port'],
    [['--port', '70000'], '--port'],
    [['--video-generation-ms', '-5'], '--video-generation-ms'],
    [['--unknown'], 'unknown'],
    [['stray'], 'stray'],
  ])('reports %j as an error', (args, mention) => {
    const command = parseCliArgs(args)
    expect(command.kind).toBe('error')
    expect(command.kind === 'error' ? command.message : '').toContain(mention)
  })
})
