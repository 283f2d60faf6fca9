// Writes dist/styles.css: src/styles.css with its local @imports inlined, so hosts get one
// file that needs no CSS tooling.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.join(import.meta.dirname, '..')

function inline(file: string): string {
  return readFileSync(file, 'utf8').replace(/^@import '(\.[^']+)';$/gm, (_line, relative: string) =>
    inline(path.join(path.dirname(file), relative)),
  )
}

mkdirSync(path.join(root, 'dist'), { recursive: true })
writeFileSync(path.join(root, 'dist/styles.css'), inline(path.join(root, 'src/styles.css')))
