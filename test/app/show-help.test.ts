/** help is real formatting on every surface: Adaptive Card markdown (Teams, local channel) and Slack mrkdwn, never literal ** or backticks. */
import { renderAdaptiveCard } from '../../src/adapters/cards/render-adaptive-card';
import { renderBlockKit } from '../../src/adapters/cards/render-block-kit';
import { checkBlockKitLimits, checkTeamsCardLimits } from '../../src/adapters/cards/limits';
import { defaultSettings, silentLogger, type AppDeps } from '../../src/app/deps';
import { showHelp } from '../../src/app/show-help';

/** The text block of an ordinary (data-carrying) notice as rendered. */
function renderNotice(text: string): string {
  const card = renderAdaptiveCard({ kind: 'notice', tone: 'info', text });
  return String(card.body[card.body.length - 1]!.text);
}

describe('help', () => {
  it('is markdown on Teams and the local channel, mrkdwn on Slack, within limits', async () => {
    const { reply } = await showHelp({ intent: { kind: 'help' }, actor: { platform: 'web', userId: 'a', displayName: 'a' }, origin: { platform: 'web', channelId: 'c' } }, { settings: defaultSettings, logger: silentLogger } as unknown as AppDeps);
    const card = renderAdaptiveCard(reply!);
    expect(checkTeamsCardLimits(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('- **investigate** _alert id_');
    expect(text).not.toContain('\\\\*\\\\*'); // not escaped into literal asterisks
    expect(text).not.toContain('`');
    const slack = renderBlockKit(reply!);
    expect(checkBlockKitLimits(slack)).toEqual([]);
    expect(JSON.stringify(slack)).toContain('- *investigate* _alert id_');
    expect(renderNotice('**x**')).toBe('\\*\\*x\\*\\*'); // an ordinary notice is still escaped
  });
});
