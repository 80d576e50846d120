/**
 * Decoding what scripts decode before they run it: base64 (as UTF-16LE, the -EncodedCommand form,
 * or UTF-8), and gzip/deflate through a port — the domain has no zlib, the worker gives one
 * (src/adapters/analysis/inflate.ts) with an output cap.
 */

/** Inflates gzip, zlib or raw deflate bytes to at most `maxBytes`; null when they are none of these. */
export type Inflate = (bytes: Uint8Array, maxBytes: number) => Uint8Array | null;

/** Largest decoded layer kept: an inflated bomb stops here. */
export const MAX_DECODED_BYTES = 256 * 1024;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Base64 (standard or URL-safe, padding optional) to bytes; null when it is not base64. */
export function base64Bytes(value: string): Uint8Array | null {
  const b64 = value.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (b64.length < 4 || b64.length % 4 === 1 || !/^[A-Za-z0-9+/]+$/.test(b64)) return null;
  const out = new Uint8Array(Math.floor((b64.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let n = 0;
  for (let i = 0; i < b64.length; i++) {
    buffer = ((buffer << 6) | INDEX.get(b64[i]!)!) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

/** Bytes as script text: UTF-16LE when every other byte is mostly zero, else UTF-8; null when not printable text. */
export function bytesToText(bytes: Uint8Array): string | null {
  if (!bytes.length) return null;
  let zeros = 0;
  for (let i = 1; i < bytes.length; i += 2) if (bytes[i] === 0) zeros++;
  const text = zeros > bytes.length / 4 ? utf16le(bytes) : utf8(bytes);
  return printable(text) ? text : null;
}

export function utf16le(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i]! | (bytes[i + 1]! << 8));
  return out;
}

function utf8(bytes: Uint8Array): string {
  // TextDecoder is ECMAScript-adjacent and in every runtime this domain runs on (Node, browsers).
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** Real scripts are printable; random bytes decoded as text mostly are not. */
export function printable(text: string): boolean {
  if (!text.length) return false;
  const ok = text.replace(/[^\x09\x0a\x0d\x20-\x7e\u00a0-\u024f]/g, '').length;
  return ok / text.length >= 0.9;
}

/** gzip (1f 8b) or zlib (78 01/5e/9c/da) magic: worth inflating without being told. */
export function looksCompressed(bytes: Uint8Array): boolean {
  return (bytes[0] === 0x1f && bytes[1] === 0x8b) || (bytes[0] === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(bytes[1]!));
}

/** Decoded text of a base64 payload, inflated first when asked or when it carries a compression magic. */
export function decodePayload(b64: string, inflate: Inflate | undefined, compressed: boolean): { text: string; inflated: boolean } | null {
  const bytes = base64Bytes(b64);
  if (!bytes) return null;
  if (inflate && (compressed || looksCompressed(bytes))) {
    const inflated = inflate(bytes, MAX_DECODED_BYTES);
    const text = inflated && bytesToText(inflated);
    if (text) return { text, inflated: true };
  }
  const text = bytesToText(bytes.length > MAX_DECODED_BYTES ? bytes.subarray(0, MAX_DECODED_BYTES) : bytes);
  return text ? { text, inflated: false } : null;
}
