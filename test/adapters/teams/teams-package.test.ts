/**
 * The Teams app package: the manifest validates against the Teams schema offline, the icons are what
 * Teams requires, and `npm run package:teams` puts them in a zip with the bot's app id filled in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import AdmZip from 'adm-zip';
import { COMMAND_NAMES } from '../../../src/domain/command-parser';
import { iconProblems, manifestProblems, MANIFEST_DIR, packageTeamsApp, readManifest, withAppId } from '../../../scripts/package-teams';

const APP_ID = '3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c';

/** RGBA pixels of a non-interlaced 8-bit RGBA PNG written with filter 0 (what make-teams-icons writes). */
function pixels(file: string): number[][] {
  const bytes = fs.readFileSync(file);
  const size = bytes.readUInt32BE(16);
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const out: number[][] = [];
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) out.push([...raw.subarray(y * (size * 4 + 1) + 1 + x * 4, y * (size * 4 + 1) + 5 + x * 4)]);
  return out;
}

describe('Teams app package', () => {
  it('has a manifest valid against its Teams schema version', async () => {
    const manifest = readManifest();
    expect(manifest.manifestVersion).toBe('1.24');
    expect(await manifestProblems(manifest)).toEqual([]);
  });

  it('reports schema violations (the validation is real)', async () => {
    const manifest = readManifest();
    const broken = { ...manifest, accentColor: 'blue', bots: [{ ...manifest.bots![0]!, scopes: ['everywhere'] }] };
    const problems = await manifestProblems(broken as never);
    expect(problems.join('\n')).toMatch(/accentColor/);
    expect(problems.join('\n')).toMatch(/scopes/);
  });

  it('lists every text command in the command lists of every scope', () => {
    const lists = readManifest().bots![0]!.commandLists!;
    expect(lists.flatMap((l) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of lists) expect(list.commands.map((c) => c.title).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it('has a 192x192 color icon and a 32x32 outline icon that is white on transparent', () => {
    expect(iconProblems()).toEqual([]);
    const outline = pixels(path.join(MANIFEST_DIR, 'outline.png'));
    expect(outline).toHaveLength(32 * 32);
    expect(outline.filter(([r, g, b, a]) => a !== 0 && !(r === 255 && g === 255 && b === 255))).toEqual([]);
    expect(outline.some(([, , , a]) => a === 255)).toBe(true);
    expect(outline.some(([, , , a]) => a === 0)).toBe(true);
  });

  it('zips manifest and icons with the bot app id as app id and bot id', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'teams-pkg-')), 'teams-app.zip');
    await packageTeamsApp(APP_ID, out);
    const zip = new AdmZip(out);
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(zip.readAsText('manifest.json')) as { id: string; bots: { botId: string }[] };
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0]!.botId).toBe(APP_ID);
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() => withAppId(readManifest(), 'my-bot')).toThrow(/TEAMS_APP_ID must be .* GUID/);
  });
});
