/**
 * Lists every Defender alert of a subscription, all pages, as raw ARM JSON (Alerts API 2022-01-01).
 * @azure/arm-security 5 speaks 2021-11-01 and drops techniques / subTechniques / supportingEvidence
 * when it deserializes, so the request goes through the SecurityCenter client's own pipeline (auth,
 * user agent, and its retry policies: 429 waits for Retry-After, 5xx and network errors back off)
 * with the newer api-version, and the body is kept as it came.
 */
import { SecurityCenter } from '@azure/arm-security';
import type { TokenCredential } from '@azure/core-auth';
import { createPipelineRequest } from '@azure/core-rest-pipeline';
import { ARM_TOKEN_SCOPE, plainHttpTokenPolicy } from './token-pipeline';

export const ALERTS_LIST_API_VERSION = '2022-01-01';
const DEFAULT_ENDPOINT = 'https://management.azure.com';
/** Pages followed at most per subscription and poll (a runaway nextLink loop must end). */
const MAX_PAGES = 1000;

export interface AlertListerOptions {
  credential: TokenCredential;
  /** ARM_ENDPOINT (sovereign clouds, tests). */
  endpoint?: string;
  /** Plain-http test servers only: drops the bearer-token policy, which refuses non-TLS URLs. */
  allowInsecureConnection?: boolean;
  /** With allowInsecureConnection: send the token anyway, as a plain header (test servers that check whose it is). */
  tokenOverHttp?: boolean;
  /** The pipeline's retries (429 Retry-After, 5xx, network). */
  retry?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
  timeoutMs?: number;
}

export class DefenderAlertLister {
  private readonly endpoint: string;
  private readonly clients = new Map<string, SecurityCenter>();

  constructor(private readonly options: AlertListerOptions) {
    this.endpoint = (options.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  }

  async list(subscriptionId: string): Promise<unknown[]> {
    const client = this.client(subscriptionId);
    const alerts: unknown[] = [];
    let url: string | undefined =
      `${this.endpoint}/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.Security/alerts?api-version=${ALERTS_LIST_API_VERSION}`;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const body = await this.getPage(client, url, subscriptionId);
      alerts.push(...body.value);
      url = body.nextLink ? this.sameHost(body.nextLink) : undefined;
    }
    return alerts;
  }

  private async getPage(client: SecurityCenter, url: string, subscriptionId: string): Promise<{ value: unknown[]; nextLink?: string }> {
    const response = await client.sendRequest(
      createPipelineRequest({
        url,
        method: 'GET',
        timeout: this.options.timeoutMs ?? 60_000,
        allowInsecureConnection: this.options.allowInsecureConnection,
      }),
    );
    const text = response.bodyAsText ?? '';
    if (response.status !== 200) {
      throw new Error(`listing Defender alerts of subscription ${subscriptionId} failed: HTTP ${response.status} ${text.slice(0, 300)}`);
    }
    const body = JSON.parse(text) as { value?: unknown; nextLink?: unknown };
    if (!Array.isArray(body.value)) throw new Error(`listing Defender alerts of subscription ${subscriptionId}: the answer has no "value" list`);
    return { value: body.value, nextLink: typeof body.nextLink === 'string' ? body.nextLink : undefined };
  }

  /** A nextLink is followed only on the configured ARM endpoint: the token must not go elsewhere. */
  private sameHost(nextLink: string): string {
    const next = new URL(nextLink, this.endpoint);
    if (next.origin !== new URL(this.endpoint).origin) throw new Error(`nextLink points away from ${this.endpoint}: ${next.origin}`);
    return next.toString();
  }

  private client(subscriptionId: string): SecurityCenter {
    let client = this.clients.get(subscriptionId);
    if (!client) {
      client = new SecurityCenter(this.options.credential, subscriptionId, {
        endpoint: this.endpoint,
        allowInsecureConnection: this.options.allowInsecureConnection,
        retryOptions: this.options.retry,
      });
      if (this.options.allowInsecureConnection) dropTokenForPlainHttp(client, this.options.credential, this.options.tokenOverHttp);
      this.clients.set(subscriptionId, client);
    }
    return client;
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
