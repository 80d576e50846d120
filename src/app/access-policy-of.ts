/** The access policy (domain/access-policy.ts) as the configured settings make it. */
import { OPEN_POLICY, type AccessPolicy } from '../domain/access-policy';
import type { AppDeps } from './deps';

export function accessPolicyOf(deps: Pick<AppDeps, 'settings'>): AccessPolicy {
  const { analysts, leads, access } = deps.settings;
  return { ...OPEN_POLICY, ...access, roster: { analysts, leads } };
}
