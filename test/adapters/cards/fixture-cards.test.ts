/**
 * Every real alert we have (Microsoft's published samples in test/fixtures/defender, the demo
 * alerts, the normalizer's fixtures) normalizes and gives a Teams card that validates against the
 * official Adaptive Card 1.5 schema, and a Slack message within every Block Kit limit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeAlerts } from '../../../src/domain/normalize';
import { checkBlockKitLimits, checkTeamsCardLimits } from '../../../src/adapters/cards/limits';
import { renderAdaptiveCard } from '../../../src/adapters/cards/render-adaptive-card';
import { renderBlockKit } from '../../../src/adapters/cards/render-block-kit';
import { adaptiveCardSchemaErrors } from '../../helpers/adaptive-card-schema';
import { cardTexts } from './card-walk';

const repo = path.resolve(__dirname, '../../..');
const DIRS = [path.join(repo, 'test/fixtures/defender'), path.join(repo, 'demo/alerts'), path.join(repo, 'test/domain/normalize/fixtures')];

function alertFiles(): string[] {
  return DIRS.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
      .map((f) => path.join(dir, f)),
  );
}

describe('cards for every fixture alert', () => {
  const files = alertFiles();

  it('finds the fixtures (Microsoft samples, demo alerts)', () => {
    expect(files.some((f) => f.includes('rest-2022-01-01-list-subscription'))).toBe(true);
    expect(files.some((f) => f.includes('flagship-2-suspicious-powershell.export'))).toBe(true);
  });

  it.each(files.map((f) => [path.relative(repo, f), f]))('%s', (_name, file) => {
    const alerts = normalizeAlerts(JSON.parse(readFileSync(file, 'utf8')));
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) {
      const model = { kind: 'alert' as const, alert, state: { status: alert.status } };
      const card = renderAdaptiveCard(model);
      expect(adaptiveCardSchemaErrors(card)).toEqual([]);
      expect(checkTeamsCardLimits(card)).toEqual([]);
      expect(cardTexts(card).length).toBeGreaterThan(5);
      expect(checkBlockKitLimits(renderBlockKit(model))).toEqual([]);
    }
  });

  it('the flagship PowerShell demo alert warns that there is no Entra ID identity', () => {
    const [alert] = normalizeAlerts(JSON.parse(readFileSync(path.join(repo, 'demo/alerts/flagship-2-suspicious-powershell.export.json'), 'utf8')));
    const card = renderAdaptiveCard({ kind: 'alert', alert: alert!, state: { status: alert!.status } });
    expect(cardTexts(card)).toContain('⚠ No Entra ID identity — local account only');
  });
});
