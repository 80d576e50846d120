/** The flagship demo alerts (demo/alerts), normalized: the PowerShell alert and the earlier brute-force alert. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Alert } from '../../../src/domain/alert';
import { normalizeAlert } from '../../../src/domain/normalize';

const DIR = join(__dirname, '../../../demo/alerts');

export function flagshipPowerShellAlert(): Alert {
  return normalizeAlert(JSON.parse(readFileSync(join(DIR, 'flagship-2-suspicious-powershell.export.json'), 'utf8')));
}

export function flagshipBruteForceAlert(): Alert {
  return normalizeAlert(JSON.parse(readFileSync(join(DIR, 'flagship-1-rdp-brute-force.arm-2022-01-01.json'), 'utf8')));
}
