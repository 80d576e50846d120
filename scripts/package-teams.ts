/**
 * Builds the Teams app package to upload (build/teams-app.zip): manifest.json with the bot's app
 * id filled in, plus the two icons, validated offline against the Teams manifest schema shipped in
 * @microsoft/app-manifest (its online validation fetches the schema and fails without network).
 *
 *   TEAMS_APP_ID=<bot app (client) id> npm run package:teams
 *
 * TEAMS_APP_ID goes into both `id` and `bots[0].botId` (the usual choice for a bot-only app).
 * Without it the placeholder id stays and the zip is only good for the Agents Playground.
 */
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { ManifestUtil, type TeamsAppManifest } from '@microsoft/app-manifest';

const ROOT = path.resolve(__dirname, '..');
export const MANIFEST_DIR = path.join(ROOT, 'manifest/teams');
export const DEFAULT_OUT = path.join(ROOT, 'build/teams-app.zip');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ICON_SIZES = { color: 192, outline: 32 } as const;

export function manifestSchemaPath(manifestVersion: string): string {
  return path.join(ROOT, 'node_modules/@microsoft/app-manifest/build/json-schemas/teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

export function readManifest(dir = MANIFEST_DIR): TeamsAppManifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as TeamsAppManifest;
}

/** Schema errors of the manifest (empty when valid), checked against the local schema of its version. */
export async function manifestProblems(manifest: TeamsAppManifest): Promise<string[]> {
  const schemaFile = manifestSchemaPath(manifest.manifestVersion);
  if (!fs.existsSync(schemaFile)) return [`manifestVersion ${manifest.manifestVersion}: no local schema at ${schemaFile}`];
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as Parameters<typeof ManifestUtil.validateManifestAgainstSchema>[1];
  return ManifestUtil.validateManifestAgainstSchema(manifest, schema as never);
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  if (bytes.toString('ascii', 12, 16) !== 'IHDR') throw new Error(`${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export function iconProblems(dir = MANIFEST_DIR): string[] {
  return Object.entries(ICON_SIZES).flatMap(([name, size]) => {
    const file = path.join(dir, `${name}.png`);
    if (!fs.existsSync(file)) return [`${name}.png: missing (run npx tsx scripts/make-teams-icons.ts)`];
    const { width, height } = pngSize(file);
    return width === size && height === size ? [] : [`${name}.png: ${width}x${height}, Teams needs ${size}x${size}`];
  });
}

export function withAppId(manifest: TeamsAppManifest, appId: string | undefined): TeamsAppManifest {
  if (!appId) return manifest;
  if (!GUID.test(appId)) throw new Error(`TEAMS_APP_ID must be the bot's app (client) id, a GUID (got "${appId.slice(0, 40)}")`);
  return { ...manifest, id: appId, bots: (manifest.bots ?? []).map((bot) => ({ ...bot, botId: appId })) };
}

export async function packageTeamsApp(appId: string | undefined, out = DEFAULT_OUT, dir = MANIFEST_DIR): Promise<string> {
  const manifest = withAppId(readManifest(dir), appId);
  const problems = [...(await manifestProblems(manifest)), ...iconProblems(dir)];
  if (problems.length) throw new Error(`manifest/teams is not valid: ${problems.join('; ')}`);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
  for (const icon of Object.keys(ICON_SIZES)) zip.addLocalFile(path.join(dir, `${icon}.png`));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  zip.writeZip(out);
  return out;
}

if (require.main === module) {
  const appId = process.env.TEAMS_APP_ID?.trim() || undefined;
  packageTeamsApp(appId).then(
    (out) => {
      if (!appId) console.warn('TEAMS_APP_ID not set: the package keeps the placeholder id (fine for the Agents Playground, not for a tenant)');
      console.log(`wrote ${path.relative(process.cwd(), out)}`);
    },
    (err: unknown) => {
      console.error(`package:teams: ${(err as Error).message}`);
      process.exit(2);
    },
  );
}
