import { readFile, writeFile } from 'node:fs/promises'

/** A process's resident memory now and at its peak, in MiB, from `/proc/<pid>/status`. */
export async function residentMemory(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kib = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
    if (!match?.[1]) throw new Error(`/proc/${pid}/status has no ${field}`)
    return Number(match[1]) / 1024
  }
  return { rss: kib('VmRSS'), peak: kib('VmHWM') }
}

/**
 * Starts a new peak (`VmHWM`) from the current resident size, so the next peak read covers
 * only what follows. Returns false where the kernel does not allow it (then only sampling
 * shows the peak).
 */
export async function resetPeak(pid: number): Promise<boolean> {
  try {
    await writeFile(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

/** Reads `VmRSS` every `everyMs` until stopped, keeping the largest: a peak where reset fails. */
export function sampleResident(pid: number, everyMs = 20) {
  let largest = 0
  let reading = false
  const timer = setInterval(() => {
    if (reading) return
    reading = true
    residentMemory(pid)
      .then(({ rss }) => {
        largest = Math.max(largest, rss)
      })
      .catch(() => undefined)
      .finally(() => {
        reading = false
      })
  }, everyMs)
  return {
    stop: () => {
      clearInterval(timer)
      return largest
    },
  }
}
