/**
 * DefenderWriteBack over the Alerts API 2022-01-01: POST {alert}/activate|inProgress|resolve|dismiss.
 * @azure/arm-security 5 only speaks 2021-11-01 (no InProgress), so the call goes through the
 * SecurityCenter client's own pipeline (auth, retries, user agent) with the newer api-version.
 * Works for subscription- and resource-group-level alert ids; ARM_ENDPOINT is honoured.
 */
import { SecurityCenter } from '@azure/arm-security';
import type { TokenCredential } from '@azure/core-auth';
import { createPipelineRequest } from '@azure/core-rest-pipeline';
import { ARM_TOKEN_SCOPE, plainHttpTokenPolicy } from './token-pipeline';
import type { Alert, AlertStatus } from '../../domain/alert';
import { ACTION_FOR_STATUS } from '../../domain/votes/write-back-status';
import type { DefenderWriteBack, WriteBackResult } from '../../ports/defender-client';

export const ALERTS_API_VERSION = '2022-01-01';
const DEFAULT_ENDPOINT = 'https://management.azure.com';
/** The SDK client wants a subscription; every call here names its alert's own, so this one is unused. */
const UNUSED_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';

/** An @azure/identity credential (TokenCredential). */
export type ArmCredential = ConstructorParameters<typeof SecurityCenter>[0];

export interface DefenderWriteBackOptions {
  credential: ArmCredential;
  /** ARM_ENDPOINT (sovereign clouds, tests). */
  endpoint?: string;
  /** Plain-http test servers only: drops the bearer-token policy, which refuses non-TLS URLs. */
  allowInsecureConnection?: boolean;
  /** With allowInsecureConnection: send the token anyway, as a plain header (test servers that check whose it is). */
  tokenOverHttp?: boolean;
  timeoutMs?: number;
}

export class ArmDefenderWriteBack implements DefenderWriteBack {
  private readonly client: SecurityCenter;
  private readonly endpoint: string;

  constructor(private readonly options: DefenderWriteBackOptions) {
    this.endpoint = (options.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
    this.client = new SecurityCenter(options.credential, UNUSED_SUBSCRIPTION, {
      endpoint: this.endpoint,
      allowInsecureConnection: options.allowInsecureConnection,
    });
    if (options.allowInsecureConnection) dropTokenForPlainHttp(this.client, options.credential, options.tokenOverHttp);
  }

  async setStatus(alert: Alert, status: AlertStatus): Promise<WriteBackResult> {
    const path = alertArmPath(alert);
    if (!path)
      return { ok: false, reason: 'the alert carries no ARM id (nor subscription and location) to address it in Defender', retryable: false };
    const url = `${this.endpoint}${path}/${ACTION_FOR_STATUS[status]}?api-version=${ALERTS_API_VERSION}`;
    try {
      const response = await this.client.sendRequest(
        createPipelineRequest({ url, method: 'POST', timeout: this.options.timeoutMs ?? 30_000, allowInsecureConnection: this.options.allowInsecureConnection }),
      );
      if (response.status >= 200 && response.status < 300) return { ok: true, status };
      return describeFailure(response.status, response.bodyAsText ?? '', alert);
    } catch (err) {
      return { ok: false, reason: `Defender could not be reached: ${(err as Error).message}`, retryable: true };
    }
  }
}

/** The alert's ARM path: its own id, or the subscription-level path built from its parts. */
export function alertArmPath(alert: Alert): string | undefined {
  const id = alert.armId?.trim();
  if (id && /^\/subscriptions\/[^/]+\/(resourceGroups\/[^/]+\/)?providers\/Microsoft\.Security\/locations\/[^/]+\/alerts\/[^/]+$/i.test(id)) {
    return id.split('/').map((segment) => encodeURIComponent(decodeURIComponent(segment))).join('/');
  }
  if (alert.subscriptionId && alert.location && alert.systemAlertId) {
    const parts = ['subscriptions', alert.subscriptionId, 'providers', 'Microsoft.Security', 'locations', alert.location, 'alerts', alert.systemAlertId];
    return '/' + parts.map(encodeURIComponent).join('/');
  }
  return undefined;
}

function describeFailure(httpStatus: number, body: string, alert: Alert): WriteBackResult {
  const { code, message } = armError(body);
  const detail = [code, message].filter(Boolean).join(': ').slice(0, 300);
  if (httpStatus === 403) {
    const scope = alert.subscriptionId ? `subscription ${alert.subscriptionId}` : "the alert's subscription";
    return {
      ok: false,
      httpStatus,
      reason: `Defender refused the change: the bot's identity needs the Security Admin role on ${scope} (or the alert's resource group) to change alert states${detail ? ` [${detail}]` : ''}`,
      retryable: true, // the role can be granted; the retry then succeeds
    };
  }
  if (httpStatus === 401) return { ok: false, httpStatus, reason: `Azure rejected the bot's credential (check AZURE_CREDENTIAL and its settings)${detail ? ` [${detail}]` : ''}`, retryable: true };
  if (httpStatus === 404) return { ok: false, httpStatus, reason: `Defender does not know this alert (deleted, or another tenant)${detail ? ` [${detail}]` : ''}`, retryable: false };
  const retryable = httpStatus === 408 || httpStatus === 429 || httpStatus >= 500;
  return { ok: false, httpStatus, reason: `Defender answered HTTP ${httpStatus}${detail ? ` [${detail}]` : ''}`, retryable };
}

function armError(body: string): { code?: string; message?: string } {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    const e = parsed.error ?? {};
    return { code: typeof e.code === 'string' ? e.code : undefined, message: typeof e.message === 'string' ? e.message : undefined };
  } catch {
    return { message: body.slice(0, 200) || undefined };
  }
}

/**
 * The SDK's bearer policy refuses plain http; a plain-http server gets no token, unless asked for
 * (`tokenOverHttp`: test servers that check whose token a call carries, one credential per tenant).
 */
function dropTokenForPlainHttp(client: SecurityCenter, credential: TokenCredential, tokenOverHttp = false): void {
  client.pipeline.removePolicy({ name: 'bearerTokenAuthenticationPolicy' });
  if (tokenOverHttp) client.pipeline.addPolicy(plainHttpTokenPolicy(credential, ARM_TOKEN_SCOPE));
}
