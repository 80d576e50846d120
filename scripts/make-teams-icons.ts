/**
 * Draws the Teams app icons (manifest/teams/color.png 192x192, outline.png 32x32) with a tiny
 * PNG writer, so the icons are reproducible and need no image tools: a shield with a check mark.
 * Teams requires the outline icon to be white on a transparent background.
 *
 *   npx tsx scripts/make-teams-icons.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

type Rgba = [number, number, number, number];
type Painter = (x: number, y: number) => Rgba;

const DIR = path.resolve(__dirname, '../manifest/teams');
const BLUE: Rgba = [15, 108, 189, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** Inside a shield centred in the unit square (u, v in 0..1), shrunk by `inset`. */
function inShield(u: number, v: number, inset = 0): boolean {
  const x = Math.abs(u - 0.5);
  const top = 0.14 + inset;
  const bottom = 0.88 - inset;
  if (v < top || v > bottom) return false;
  const halfWidth = 0.32 - inset;
  const t = (v - top) / (bottom - top);
  // Straight sides for the upper half, then a curve down to the point.
  const width = t < 0.5 ? halfWidth : halfWidth * Math.sqrt(Math.max(0, 1 - ((t - 0.5) / 0.5) ** 2));
  return x <= width;
}

/** Distance from (u, v) to the segment a–b. */
function distance(u: number, v: number, a: [number, number], b: [number, number]): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((u - a[0]) * dx + (v - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(u - (a[0] + t * dx), v - (a[1] + t * dy));
}

function onCheck(u: number, v: number, thickness: number): boolean {
  return distance(u, v, [0.36, 0.5], [0.46, 0.62]) < thickness || distance(u, v, [0.46, 0.62], [0.65, 0.38]) < thickness;
}

const colorIcon: Painter = (x, y) => {
  const [u, v] = [(x + 0.5) / 192, (y + 0.5) / 192];
  if (inShield(u, v) && onCheck(u, v, 0.035)) return BLUE;
  if (inShield(u, v)) return WHITE;
  return BLUE;
};

const outlineIcon: Painter = (x, y) => {
  const [u, v] = [(x + 0.5) / 32, (y + 0.5) / 32];
  const border = inShield(u, v) && !inShield(u, v, 0.07);
  return border || (inShield(u, v) && onCheck(u, v, 0.05)) ? WHITE : CLEAR;
};

function png(size: number, paint: Painter): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) Buffer.from(paint(x, y)).copy(raw, row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

fs.writeFileSync(path.join(DIR, 'color.png'), png(192, colorIcon));
fs.writeFileSync(path.join(DIR, 'outline.png'), png(32, outlineIcon));
console.log(`wrote ${path.join(DIR, 'color.png')} and outline.png`);
