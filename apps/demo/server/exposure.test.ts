import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { exposureProblem, isLoopbackHost, passwordAccepted } from './exposure.ts'

const KEY = 'sk-not-a-real-key'

describe('exposureProblem', () => {
  it('lets the simulator start anywhere, without a password', () => {
    expect(exposureProblem({ publicUrl: 'https://demo.example.test', host: '0.0.0.0' })).toBeNull()
  })

  it('lets a key start on this machine alone', () => {
    for (const publicUrl of [
      undefined,
      'http://localhost:4010',
      'http://127.0.0.1:4010',
      'http://127.8.9.10',
      'http://[::1]:4010/demo',
    ]) {
      expect(exposureProblem({ easyrouterApiKey: KEY, publicUrl, host: '127.0.0.1' })).toBeNull()
    }
  })

  it('refuses a key where others can reach it, and says why and what to do', () => {
    for (const settings of [
      { publicUrl: 'https://demo.example.test' },
      { publicUrl: 'http://192.168.1.20:4010' },
      { publicUrl: 'http://127.0.0.1.nip.io' },
      { publicUrl: 'not a url' },
      { publicUrl: 'http://localhost:4010', host: '0.0.0.0' },
      { publicUrl: 'http://localhost:4010', host: '::' },
    ]) {
      const problem = exposureProblem({ easyrouterApiKey: KEY, ...settings })
      expect(problem, JSON.stringify(settings)).toMatch(/^Refusing to start/)
      expect(problem).toContain('spend your EasyRouter account')
      expect(problem).toContain('see the faces people upload')
      expect(problem).toContain('Set DEMO_PASSWORD')
      expect(problem).not.toContain(KEY)
    }
  })

  it('lets a key start anywhere behind a password', () => {
    expect(
      exposureProblem({
        easyrouterApiKey: KEY,
        publicUrl: 'https://demo.example.test',
        host: '0.0.0.0',
        password: 'a password',
      }),
    ).toBeNull()
  })
})

describe('isLoopbackHost', () => {
  it('knows localhost, 127.0.0.0/8 and ::1, and nothing else', () => {
    for (const host of [
      'localhost',
      'LOCALHOST',
      '127.0.0.1',
      '127.255.0.1',
      '::1',
      '[::1]',
      '::ffff:7f00:1',
    ]) {
      expect(isLoopbackHost(host), host).toBe(true)
    }
    for (const host of [
      '0.0.0.0',
      '::',
      '',
      '128.0.0.1',
      '10.0.0.1',
      'localhost.example',
      'example.test',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false)
    }
  })
})

describe('passwordAccepted', () => {
  const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`

  it('takes the password with any user name, and nothing else', () => {
    expect(passwordAccepted(basic('anyone:pässword: with colon'), 'pässword: with colon')).toBe(
      true,
    )
    expect(passwordAccepted(basic(':pässword: with colon'), 'pässword: with colon')).toBe(true)
    for (const header of [
      undefined,
      '',
      basic('anyone:wrong'),
      basic('anyone:pässword: with colo'),
      basic('pässword: with colon'),
      `Bearer ${Buffer.from('x:pässword: with colon').toString('base64')}`,
      'Basic !!!',
    ]) {
      expect(passwordAccepted(header, 'pässword: with colon'), String(header)).toBe(false)
    }
  })
})

describe('the demo command', () => {
  let dataDir: string | undefined
  let stop: (() => void) | undefined
  afterEach(async () => {
    stop?.()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('exits with the reason when a key would be exposed without a password', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'likeness-demo-exposure-'))
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      EASYROUTER_API_KEY: KEY,
      PUBLIC_URL: 'https://demo.example.test',
      PORT: '0',
      LIKENESS_DATA_DIR: dataDir,
    }
    delete env['DEMO_PASSWORD']
    delete env['HOST']
    const child = spawn(
      process.execPath,
      ['--conditions=@likeness/source', 'server/main.ts', '--production'],
      { cwd: path.join(import.meta.dirname, '..'), env, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    stop = () => child.kill('SIGKILL')
    let stderr = ''
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()))
    child.stdout.resume()
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(code).toBe(1)
    expect(stderr).toContain('Refusing to start')
    expect(stderr).toContain('Set DEMO_PASSWORD')
    expect(stderr).not.toContain(KEY)
  })
})
