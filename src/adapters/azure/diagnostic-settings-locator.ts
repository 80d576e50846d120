/**
 * WorkspaceLocator on ARM: a resource's diagnostic settings
 * (GET {resourceId}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview)
 * name a workspace by its ARM id; the workspace (GET {workspaceId}?api-version=2022-10-01) gives the
 * customer id the query API takes. Both answers are cached for a while (a diagnostic setting rarely
 * moves; a lookup per click would spend ARM's read budget), in a bounded map; a lookup that could not
 * read is cached briefly, so a role granted later is seen soon. Lookups of one resource in flight
 * at once share one request. Needs Reader (Microsoft.Insights/diagnosticSettings/read and
 * Microsoft.OperationalInsights/workspaces/read) on the resources and workspaces.
 */
import type { TokenCredential } from '@azure/core-auth';
import {
  createDefaultHttpClient,
  createPipelineRequest,
  type HttpClient,
  type Pipeline,
} from '@azure/core-rest-pipeline';
import { tokenPipeline } from './token-pipeline';
import { workspaceIdOf } from '../../domain/investigation/workspace-choice';
import type { ResourceWorkspace, WorkspaceLocator } from '../../ports/workspace-locator';

export const DIAGNOSTIC_SETTINGS_API_VERSION = '2021-05-01-preview';
export const WORKSPACES_API_VERSION = '2022-10-01';
const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';
/** A resource id we put in a URL: ARM segments only, nothing that could leave the path. */
const RESOURCE_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[\w.()-]{1,90}\/providers\/[\w./-]{1,400}$/i;
const WORKSPACE_RESOURCE_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[\w.()-]{1,90}\/providers\/Microsoft\.OperationalInsights\/workspaces\/[\w-]{1,63}$/i;

export interface ArmWorkspaceLocatorOptions {
  credential: TokenCredential;
  /** ARM_ENDPOINT (sovereign clouds, tests); plain http only for local test servers. */
  endpoint?: string;
  /** How long an answer is kept (default 1 h). */
  ttlMs?: number;
  /** How long "could not read" is kept (default 5 min). */
  unreadableTtlMs?: number;
  /** Most resources remembered (default 5,000). */
  maxEntries?: number;
  timeoutMs?: number;
  now?: () => number;
}

interface Cached<T> {
  value: T;
  expires: number;
}

export class ArmWorkspaceLocator implements WorkspaceLocator {
  private readonly endpoint: string;
  private readonly pipeline: Pipeline;
  private readonly http: HttpClient = createDefaultHttpClient();
  private readonly resources = new Map<string, Cached<Promise<ResourceWorkspace>>>();
  private readonly workspaces = new Map<string, Cached<Promise<ResourceWorkspace>>>();
  private readonly now: () => number;

  constructor(private readonly options: ArmWorkspaceLocatorOptions) {
    this.endpoint = (options.endpoint ?? DEFAULT_ARM_ENDPOINT).replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
    this.pipeline = tokenPipeline({ credential: options.credential, endpoint: this.endpoint, defaultOrigin: DEFAULT_ARM_ENDPOINT, maxRetries: 2 });
  }

  workspaceOfResource(resourceId: string): Promise<ResourceWorkspace> {
    if (!RESOURCE_ID.test(resourceId) || /\.\./.test(resourceId)) return Promise.resolve({ kind: 'none' });
    return this.cached(this.resources, resourceId, () => this.lookUp(resourceId));
  }

  private async lookUp(resourceId: string): Promise<ResourceWorkspace> {
    const answer = await this.get(`${resourceId}/providers/Microsoft.Insights/diagnosticSettings`, DIAGNOSTIC_SETTINGS_API_VERSION);
    if (answer.status === 404) return { kind: 'none' };
    if (answer.status !== 200) return unreadable(answer, `Reader on ${resourceId} (to read its diagnostic settings)`);
    const target = workspaceResourceIdOf(answer.body);
    if (!target) return { kind: 'none' };
    return this.cached(this.workspaces, target, () => this.workspace(target));
  }

  private async workspace(workspaceResourceId: string): Promise<ResourceWorkspace> {
    const answer = await this.get(workspaceResourceId, WORKSPACES_API_VERSION);
    if (answer.status !== 200) return unreadable(answer, `Reader on workspace ${workspaceResourceId}`);
    const body = answer.body as { name?: unknown; properties?: { customerId?: unknown } } | undefined;
    const id = workspaceIdOf(typeof body?.properties?.customerId === 'string' ? body.properties.customerId : undefined);
    if (!id) return { kind: 'unreadable', reason: `workspace ${workspaceResourceId} answered without a customerId` };
    return { kind: 'found', workspace: { id, name: typeof body?.name === 'string' ? body.name.slice(0, 63) : undefined, resourceId: workspaceResourceId } };
  }

  private cached(map: Map<string, Cached<Promise<ResourceWorkspace>>>, key: string, load: () => Promise<ResourceWorkspace>): Promise<ResourceWorkspace> {
    const k = key.toLowerCase();
    const hit = map.get(k);
    if (hit && hit.expires > this.now()) return hit.value;
    const value = load().catch((err: unknown): ResourceWorkspace => ({ kind: 'unreadable', reason: (err as Error).message.slice(0, 200) }));
    const entry = { value, expires: this.now() + (this.options.ttlMs ?? 3_600_000) };
    map.delete(k);
    map.set(k, entry);
    // The oldest entry goes first when the map is full: memory stays bounded whatever the alerts name.
    if (map.size > (this.options.maxEntries ?? 5000)) map.delete(map.keys().next().value!);
    void value.then((v) => {
      if (v.kind === 'unreadable') entry.expires = Math.min(entry.expires, this.now() + (this.options.unreadableTtlMs ?? 300_000));
    });
    return value;
  }

  private async get(path: string, apiVersion: string): Promise<{ status: number; body?: unknown; text: string }> {
    const url = `${this.endpoint}${path.split('/').map(encodeURIComponent).join('/')}?api-version=${apiVersion}`;
    const request = createPipelineRequest({ url, method: 'GET', timeout: this.options.timeoutMs ?? 30_000, allowInsecureConnection: url.startsWith('http://') });
    const response = await this.pipeline.sendRequest(this.http, request);
    const text = response.bodyAsText ?? '';
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: response.status, body, text };
  }
}

/** The first diagnostic setting that sends logs (any category enabled) to a workspace. */
function workspaceResourceIdOf(body: unknown): string | undefined {
  const settings = (body as { value?: unknown })?.value;
  if (!Array.isArray(settings)) return undefined;
  for (const s of settings) {
    const props = (s as { properties?: { workspaceId?: unknown; logs?: unknown } })?.properties;
    const id = typeof props?.workspaceId === 'string' ? props.workspaceId : undefined;
    const logs = Array.isArray(props?.logs) ? props.logs : [];
    if (id && WORKSPACE_RESOURCE_ID.test(id) && logs.some((l) => (l as { enabled?: unknown })?.enabled === true)) return id;
  }
  return undefined;
}

function unreadable(answer: { status: number; text: string }, grant: string): ResourceWorkspace {
  const code = /"code"\s*:\s*"([\w.]{1,80})"/.exec(answer.text)?.[1];
  const what = answer.status === 401 || answer.status === 403 ? `grant the bot's identity ${grant}` : 'ARM did not answer';
  return { kind: 'unreadable', reason: `HTTP ${answer.status}${code ? ` ${code}` : ''}: ${what}` };
}
