import { crc32, deflateSync } from 'node:zlib'

// A real PNG, made here so the journeys need no binary fixture: the simulator sniffs the bytes,
// and the gallery decodes them for its checks and thumbnail.
export function portraitPng(size = 256): Buffer {
  const row = 1 + size * 3
  const pixels = Buffer.alloc(row * size)
  for (let y = 0; y < size; y++) {
    pixels[y * row] = 0 // filter: none
    for (let x = 0; x < size; x++) {
      const dx = x - size / 2
      const dy = y - size / 2.4
      // A pale oval "face" on a blue-grey gradient: enough to tell a thumbnail apart.
      const face = (dx * dx) / (size * 0.28) ** 2 + (dy * dy) / (size * 0.36) ** 2 < 1
      const at = y * row + 1 + x * 3
      pixels[at] = face ? 236 : 60 + Math.round((x / size) * 80)
      pixels[at + 1] = face ? 196 : 90 + Math.round((y / size) * 60)
      pixels[at + 2] = face ? 170 : 150
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}
