/**
 * The domain's Inflate port over node's zlib: gzip, zlib or raw deflate, whichever the bytes are,
 * never more than `maxBytes` out (maxOutputLength stops a decompression bomb inside zlib itself).
 */
import { gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import type { Inflate } from '../../domain/command-analysis/decode';

export const zlibInflate: Inflate = (bytes, maxBytes) => {
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const gzip = input[0] === 0x1f && input[1] === 0x8b;
  const zlib = input[0] === 0x78;
  for (const inflate of gzip ? [gunzipSync] : zlib ? [inflateSync, inflateRawSync] : [inflateRawSync]) {
    try {
      return new Uint8Array(inflate(input, { maxOutputLength: maxBytes }));
    } catch {
      // not this format, or past the cap: try the next, else none
    }
  }
  return null;
};
