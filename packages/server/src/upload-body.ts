import { LikenessError, SNIFF_BYTES } from '@likeness/core'
import { fail } from './http.ts'

/** An upload's body as it arrives: its first bytes, to tell what it is, and all of it. */
export interface IncomingUpload {
  /** The first {@link SNIFF_BYTES} bytes (fewer when the file is shorter; empty for no body). */
  head: Uint8Array
  /**
   * Every byte, the head included, as the request sends them. Errors with `payload_too_large`
   * past the limit, and with `aborted` when the body breaks off. Cancel it when refusing the
   * file.
   */
  body: ReadableStream<Uint8Array>
}

/** The refusal of a file over `maxBytes`. */
export function tooLarge(maxBytes: number): LikenessError {
  return fail('payload_too_large', `Files may be at most ${maxBytes} bytes.`, { maxBytes })
}

/**
 * Counts the bytes going through and errors with `payload_too_large` at the first chunk past
 * `maxBytes`. Piped into, that error also cancels the source, so nothing more is read.
 */
function limitBytes(maxBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength
      if (seen > maxBytes) controller.error(tooLarge(maxBytes))
      else controller.enqueue(chunk)
    },
  })
}

/**
 * Starts reading an upload: only as far as the first {@link SNIFF_BYTES} bytes (a chunk or
 * two), never the whole file. The rest streams on through `body`, still under the size limit.
 */
export async function receiveUpload(
  source: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<IncomingUpload> {
  const reader = source.pipeThrough(limitBytes(maxBytes)).getReader()
  const read = async () => {
    try {
      return await reader.read()
    } catch (error) {
      throw error instanceof LikenessError ? error : interrupted(error)
    }
  }

  const early: Uint8Array[] = []
  let size = 0
  let ended = false
  while (size < SNIFF_BYTES) {
    const { done, value } = await read()
    if (done) {
      ended = true
      break
    }
    early.push(value)
    size += value.byteLength
  }

  const head = concat(early, SNIFF_BYTES)
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = early.shift()
        if (next) {
          controller.enqueue(next)
          return
        }
        const result = ended ? undefined : await read()
        if (!result || result.done) controller.close()
        else controller.enqueue(result.value)
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  )
  return { head, body }
}

function interrupted(cause: unknown): LikenessError {
  return new LikenessError('aborted', {
    message: 'The upload broke off before the whole file arrived.',
    retryable: true,
    cause,
  })
}

// The first `limit` bytes of the chunks; usually a view of the first one, no copy.
function concat(chunks: Uint8Array[], limit: number): Uint8Array {
  const first = chunks[0]
  if (!first) return new Uint8Array(0)
  if (first.byteLength >= limit || chunks.length === 1) return first.subarray(0, limit)
  const bytes = new Uint8Array(
    Math.min(
      limit,
      chunks.reduce((sum, c) => sum + c.byteLength, 0),
    ),
  )
  let offset = 0
  for (const chunk of chunks) {
    if (offset >= bytes.byteLength) break
    const part = chunk.subarray(0, bytes.byteLength - offset)
    bytes.set(part, offset)
    offset += part.byteLength
  }
  return bytes
}
