/** The problems loadConfig reports for an environment (none: an empty list). */
import { ConfigError } from '../../src/domain/errors';
import { loadConfig } from '../../src/config/load-config';

export function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}
