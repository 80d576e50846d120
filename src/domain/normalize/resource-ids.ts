/**
 * Azure resource ids, read case-insensitively: Defender spells the same id `resourceGroups` in one
 * place and `resourcegroups` in another (see the host entity's azureID in Microsoft's samples).
 */

export interface ResourceIdParts {
  subscriptionId?: string;
  resourceGroup?: string;
  /** The last segment: the resource's own name. */
  resourceName?: string;
  /** The `/locations/<x>/` segment (Defender alert ids carry one). */
  location?: string;
}

export function parseResourceId(id: string | undefined): ResourceIdParts {
  if (!id || !id.includes('/')) return {};
  const segments = id.split('/').filter((s) => s !== '');
  const after = (key: string): string | undefined => {
    const index = segments.findIndex((s) => s.toLowerCase() === key);
    return index >= 0 ? segments[index + 1] : undefined;
  };
  return {
    subscriptionId: after('subscriptions'),
    resourceGroup: after('resourcegroups'),
    resourceName: segments.length > 0 ? segments[segments.length - 1] : undefined,
    location: after('locations'),
  };
}

/** True for ids of the form /subscriptions/<sub>/…: the only form a resource id is trusted in. */
export function looksLikeResourceId(id: string | undefined): id is string {
  return typeof id === 'string' && /^\/subscriptions\/[^/]+/i.test(id);
}
