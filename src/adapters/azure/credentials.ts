/**
 * The Azure credential, chosen explicitly by AZURE_CREDENTIAL — managed identity (default), client
 * secret or client certificate. Never a DefaultAzureCredential: a silent fallback chain can end up
 * authenticating as a developer's CLI login or the wrong identity, and hides what to fix.
 */
import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/core-auth';
import { ConfigError } from '../../domain/errors';

export type CredentialKind = 'managed-identity' | 'client-secret' | 'client-certificate';

export interface CredentialSettings {
  AZURE_CREDENTIAL?: CredentialKind;
  AZURE_TENANT_ID?: string;
  AZURE_CLIENT_ID?: string;
  AZURE_CLIENT_SECRET?: string;
  AZURE_CLIENT_CERTIFICATE_PATH?: string;
}

export interface ChosenCredential {
  kind: CredentialKind;
  credential: TokenCredential;
  /** For logs: which identity, without secrets. */
  description: string;
}

export function createAzureCredential(s: CredentialSettings): ChosenCredential {
  const kind = s.AZURE_CREDENTIAL ?? 'managed-identity';
  switch (kind) {
    case 'managed-identity':
      return {
        kind,
        credential: s.AZURE_CLIENT_ID ? new ManagedIdentityCredential({ clientId: s.AZURE_CLIENT_ID }) : new ManagedIdentityCredential(),
        description: s.AZURE_CLIENT_ID ? `user-assigned managed identity ${s.AZURE_CLIENT_ID}` : 'system-assigned managed identity',
      };
    case 'client-secret': {
      const [tenant, client, secret] = required(s, kind, ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET']);
      return { kind, credential: new ClientSecretCredential(tenant!, client!, secret!), description: `app ${client} in tenant ${tenant} (client secret)` };
    }
    case 'client-certificate': {
      const [tenant, client, path] = required(s, kind, ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_CERTIFICATE_PATH']);
      return {
        kind,
        credential: new ClientCertificateCredential(tenant!, client!, { certificatePath: path! }),
        description: `app ${client} in tenant ${tenant} (certificate ${path})`,
      };
    }
  }
}

function required(s: CredentialSettings, kind: CredentialKind, keys: (keyof CredentialSettings)[]): string[] {
  const missing = keys.filter((k) => !s[k]);
  if (missing.length) throw new ConfigError(missing.map((k) => `${k}: required when AZURE_CREDENTIAL=${kind}`));
  return keys.map((k) => s[k] as string);
}
