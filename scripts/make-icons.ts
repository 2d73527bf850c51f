// Draws the app icons (public/icons/*.png) with no image library: a white "M" (mobilization)
// on the SES-MG-like green, supersampled for smooth edges. Run: npx tsx scripts/make-icons.ts
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const GREEN = [0x0b, 0x6e, 0x4f];
const WHITE = [0xff, 0xff, 0xff];
const YELLOW = [0xf2, 0xc1, 0x2e];

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size: number, pixel: (x: number, y: number) => number[]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const p = pixel(x, y);
      raw.set(p, y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function distToSegment(px: number, py: number, [ax, ay, bx, by]: number[]): number {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Unit-square drawing; `inset` shrinks the glyph into the maskable safe zone. */
function shade(u: number, v: number, inset: number, rounded: boolean): number[] | null {
  const r = 0.18;
  if (rounded) {
    const cx = Math.min(Math.max(u, r), 1 - r), cy = Math.min(Math.max(v, r), 1 - r);
    if (Math.hypot(u - cx, v - cy) > r) return null; // transparent corner
  }
  const s = (t: number) => 0.5 + (t - 0.5) * inset;
  const M = [
    [0.24, 0.74, 0.24, 0.3],
    [0.24, 0.3, 0.5, 0.58],
    [0.5, 0.58, 0.76, 0.3],
    [0.76, 0.3, 0.76, 0.74],
  ].map((seg) => seg.map(s));
  if (M.some((seg) => distToSegment(u, v, seg) < 0.075 * inset)) return WHITE;
  if (Math.hypot(u - s(0.5), v - s(0.8)) < 0.06 * inset) return YELLOW;
  return GREEN;
}

function icon(size: number, maskable: boolean): Buffer {
  const ss = 4;
  return png(size, (x, y) => {
    let acc = [0, 0, 0, 0];
    for (let i = 0; i < ss; i++)
      for (let j = 0; j < ss; j++) {
        const c = shade((x + (i + 0.5) / ss) / size, (y + (j + 0.5) / ss) / size, maskable ? 0.7 : 1, !maskable);
        if (c) acc = [acc[0] + c[0], acc[1] + c[1], acc[2] + c[2], acc[3] + 255];
      }
    const n = ss * ss;
    const a = acc[3] / n;
    return a === 0 ? [0, 0, 0, 0] : [acc[0] / (acc[3] / 255), acc[1] / (acc[3] / 255), acc[2] / (acc[3] / 255), a].map(Math.round);
  });
}

mkdirSync('public/icons', { recursive: true });
writeFileSync('public/icons/icon-192.png', icon(192, false));
writeFileSync('public/icons/icon-512.png', icon(512, false));
writeFileSync('public/icons/icon-maskable-512.png', icon(512, true));
console.log('icons written to public/icons');
