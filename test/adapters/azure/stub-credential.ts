/** A TokenCredential for local test servers (the real token policies are removed for plain http). */
import type { AccessToken, TokenCredential } from '@azure/core-auth';

export const stubCredential: TokenCredential = {
  async getToken(): Promise<AccessToken> {
    return { token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};
