// Packs the package in the current directory exactly as it would be published (pnpm applies
// `publishConfig`) and checks the tarball with publint (strict) and Are The Types Wrong.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const out = mkdtempSync(join(tmpdir(), 'likeness-pack-'))
try {
  execFileSync('pnpm', ['pack', '--pack-destination', out], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const tarball = readdirSync(out).find((file) => file.endsWith('.tgz'))
  if (!tarball) throw new Error('pnpm pack produced no tarball')
  const path = join(out, tarball)
  execFileSync('publint', ['run', path, '--strict'], { stdio: 'inherit' })
  // Stylesheets have no types to check.
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
    exports?: Record<string, unknown>
  }
  const styles = Object.keys(manifest.exports ?? {}).filter((entry) => entry.endsWith('.css'))
  execFileSync(
    'attw',
    [
      path,
      '--profile',
      'esm-only',
      '--format',
      'table-flipped',
      ...(styles.length > 0 ? ['--exclude-entrypoints', ...styles] : []),
    ],
    { stdio: 'inherit' },
  )
} finally {
  rmSync(out, { recursive: true, force: true })
}
