/**
 * DefenderClient on @azure/arm-security: lists a subscription's alerts (all pages, Alerts API
 * 2022-01-01 through the SDK client's pipeline, see DefenderAlertLister) and finds the alerts that
 * share host, account, IP or correlation key with a given one — Defender's "security incidents"
 * (isIncident) included — within ±hours. ARM has no server-side filter on these, so the match runs
 * here, over the normalized alerts.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { Alert } from '../../domain/alert';
import { findRelatedAmong } from '../../domain/investigation';
import { normalizeAlerts } from '../../domain/normalize';
import type { DefenderClient } from '../../ports/defender-client';
import { DefenderAlertLister } from './defender-alert-lister';

export interface ArmDefenderClientOptions {
  credential: TokenCredential;
  /** ARM_ENDPOINT (sovereign clouds, tests); plain http only for local test servers. */
  endpoint?: string;
  /** AZURE_SUBSCRIPTION_IDS: searched besides the alert's own subscription. */
  subscriptionIds: string[];
  retry?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
  timeoutMs?: number;
}

export class ArmDefenderClient implements DefenderClient {
  private readonly lister: DefenderAlertLister;

  constructor(private readonly options: ArmDefenderClientOptions) {
    this.lister = new DefenderAlertLister({
      credential: options.credential,
      endpoint: options.endpoint,
      allowInsecureConnection: options.endpoint?.startsWith('http://') ?? false,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
    });
  }

  listAlerts(subscriptionId: string): Promise<unknown[]> {
    return this.lister.list(subscriptionId);
  }

  async findRelated(alert: Alert, windowHours: number): Promise<Alert[]> {
    const subscriptions = [...new Set([alert.subscriptionId, ...this.options.subscriptionIds].filter((s): s is string => !!s).map((s) => s.toLowerCase()))];
    const candidates: Alert[] = [];
    for (const subscriptionId of subscriptions) {
      for (const raw of await this.listAlerts(subscriptionId)) candidates.push(...normalizeOrSkip(raw));
    }
    return findRelatedAmong(alert, candidates, windowHours).map((r) => r.alert);
  }
}

/** One malformed alert in a list must not hide the others. */
function normalizeOrSkip(raw: unknown): Alert[] {
  try {
    return normalizeAlerts(raw);
  } catch {
    return [];
  }
}
