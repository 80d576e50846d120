/**
 * Undo the cheap obfuscations that defeat string matching: cmd.exe carets (p^o^w^e^r^s^h^e^l^l),
 * PowerShell backticks (I`E`X), and base64 UTF-16LE -EncodedCommand payloads.
 */

/** cmd.exe: `^x` is a literal x; `^^` is a literal caret. */
export function removeCarets(text: string): string {
  return text.replace(/\^(.)/gs, '$1');
}

/**
 * PowerShell: a backtick before an ordinary character is a no-op (I`E`X is IEX). Before 0 a b f n r
 * t v it makes a control character; for analysis reading `n as n is harmless, so every backtick
 * goes except a line continuation.
 */
export function removeBackticks(text: string): string {
  return text.replace(/`(\S)/g, '$1');
}

export function deobfuscate(text: string): string {
  return removeBackticks(removeCarets(text));
}

/** Base64 of UTF-16LE, as powershell.exe -EncodedCommand expects; null when it is not that. */
export function decodeEncodedCommand(value: string): string | null {
  const b64 = value.replace(/^["']|["']$/g, '').replace(/\s+/g, '');
  if (!b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 === 1) return null;
  const bytes = base64ToBytes(b64);
  if (bytes.length < 2 || bytes.length % 2 !== 0) return null;
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i]! | (bytes[i + 1]! << 8));
  // Real PowerShell text is printable; random base64 decoded as UTF-16 mostly is not.
  const printable = out.replace(/[^\x09\x0a\x0d\x20-\x7e\u00a0-\u024f]/g, '').length;
  return printable / out.length >= 0.9 ? out : null;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The domain layer has no Buffer: a small decoder. */
function base64ToBytes(b64: string): number[] {
  const clean = b64.replace(/=+$/, '');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    buffer = (buffer << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return bytes;
}

/** Splits a Windows command line into arguments, honouring double and single quotes. */
export function tokenize(commandLine: string): string[] {
  const tokens: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(commandLine))) tokens.push(m[1] ?? m[2] ?? m[3]!);
  return tokens;
}
