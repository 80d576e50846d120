/**
 * The HTTP pipeline of our hand-made Azure calls (Graph, ARM diagnostic settings): a bearer token
 * for the endpoint's audience, no redirects (the token would follow them), our user agent. Plain
 * http is only for local test servers (the SDK clients use `plainHttpTokenPolicy` there too); the SDK's bearer policy refuses it, so there the token is
 * set by a plain policy and the tests still see it.
 */
import type { TokenCredential } from '@azure/core-auth';
import {
  bearerTokenAuthenticationPolicy,
  createPipelineFromOptions,
  type Pipeline,
  type PipelinePolicy,
} from '@azure/core-rest-pipeline';

/** Azure Resource Manager's audience. */
export const ARM_TOKEN_SCOPE = 'https://management.azure.com/.default';

export interface TokenPipelineOptions {
  credential: TokenCredential;
  endpoint: string;
  /** The audience's origin when `endpoint` is a plain-http test server. */
  defaultOrigin: string;
  maxRetries: number;
}

export function tokenPipeline(o: TokenPipelineOptions): Pipeline {
  const pipeline = createPipelineFromOptions({ retryOptions: { maxRetries: o.maxRetries }, redirectOptions: { maxRetries: 0 }, userAgentOptions: { userAgentPrefix: 'defender-triage-bot' } });
  const tls = o.endpoint.startsWith('https://');
  const scope = `${tls ? new URL(o.endpoint).origin : o.defaultOrigin}/.default`;
  pipeline.addPolicy(tls ? bearerTokenAuthenticationPolicy({ credential: o.credential, scopes: scope }) : plainHttpTokenPolicy(o.credential, scope));
  return pipeline;
}

/** The token as a plain header, for plain-http test servers (the SDK clients' own policy refuses them). */
export function plainHttpTokenPolicy(credential: TokenCredential, scope: string): PipelinePolicy {
  return {
    name: 'plainHttpTokenPolicy',
    async sendRequest(request, next) {
      const token = await credential.getToken(scope);
      if (token) request.headers.set('Authorization', `Bearer ${token.token}`);
      return next(request);
    },
  };
}
