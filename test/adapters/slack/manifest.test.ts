/**
 * manifest/slack.yaml asks for what the code uses: every slash command it registers, interactivity
 * for its buttons, the scopes of every Web API method it calls, and one request URL for everything.
 */
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { SLACK_EVENTS_PATH } from '../../../src/adapters/slack/slack-app';
import { SLASH_COMMANDS } from '../../../src/adapters/slack/slash-command';

interface Manifest {
  features: { bot_user: { display_name: string }; slash_commands: { command: string; url: string; description: string; usage_hint?: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url: string }; socket_mode_enabled: boolean };
}

const manifest = yaml.load(fs.readFileSync(path.join(__dirname, '../../../manifest/slack.yaml'), 'utf8')) as Manifest;

it('declares exactly the slash commands the app registers, each with help in its usage hint', () => {
  expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual([...SLASH_COMMANDS].sort());
  for (const c of manifest.features.slash_commands) {
    expect(c.usage_hint).toMatch(/help/);
    expect(c.description.length).toBeLessThanOrEqual(2000);
  }
});

it('sends commands and interactivity to the one Bolt endpoint', () => {
  const urls = [...manifest.features.slash_commands.map((c) => c.url), manifest.settings.interactivity.request_url];
  for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
  expect(manifest.settings.interactivity.is_enabled).toBe(true);
  expect(typeof manifest.settings.socket_mode_enabled).toBe('boolean');
});

it('asks for the scopes of every Web API method the adapter calls, and no more', () => {
  expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['channels:history', 'chat:write', 'chat:write.public', 'commands', 'groups:history']);
  const source = ['slack-sender.ts', 'slack-app.ts']
    .map((f) => fs.readFileSync(path.join(__dirname, '../../../src/adapters/slack', f), 'utf8'))
    .join('\n');
  const methods = new Set([...source.matchAll(/client\.(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`));
  // auth.test (at start: the bot's ids and the workspace it serves) needs no scope.
  expect([...methods].sort()).toEqual(['auth.test', 'chat.postEphemeral', 'chat.postMessage', 'chat.update', 'conversations.history', 'conversations.replies']);
});
