/**
 * Which channels a new alert goes to, on every platform: the default channel of each enabled
 * platform plus every ROUTING_RULES rule the alert matches. Shared by Slack and Teams (and web),
 * so one rule set means the same thing everywhere.
 *
 * ROUTING_RULES is a JSON array of rules:
 *   {"platform": "slack", "channel": "C0123", "subscription": "<guid>", "minSeverity": "Medium", "alertType": "VM_*"}
 * `platform` and `channel` are required; each other field narrows the rule. `alertType` matches
 * exactly (case-insensitive) or, ending in `*`, as a prefix.
 */
import { SEVERITIES, type Alert, type Severity } from './alert';
import { ConfigError } from './errors';
import type { Platform } from './intent';

export interface Route {
  platform: Platform;
  channelId: string;
}

export interface RoutingRule {
  platform: Platform;
  channel: string;
  subscription?: string;
  minSeverity?: Severity;
  alertType?: string;
}

const PLATFORMS: readonly Platform[] = ['slack', 'teams', 'web'];

/**
 * Slack channel ids (C…, G… for old private channels). A #name would post, but Slack answers with the
 * id, and updates, threads and exactly-once bookkeeping all key on the id.
 */
export const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]+$/;
export const SLACK_CHANNEL_HINT = 'a Slack channel id like C0123456789, not a #name (channel details → About, at the bottom)';
const RULE_KEYS = ['platform', 'channel', 'subscription', 'minSeverity', 'alertType'];

/** Every problem in ROUTING_RULES, each naming its rule; empty when the rules are fine (or unset). */
export function routingRuleProblems(json: string | undefined): string[] {
  return parse(json).problems;
}

/** The rules, or a ConfigError naming every bad rule. Unset or blank means no rules. */
export function parseRoutingRules(json: string | undefined): RoutingRule[] {
  const { rules, problems } = parse(json);
  if (problems.length) throw new ConfigError(problems);
  return rules;
}

/** Default channels first, then matching rules; each channel once. */
export function routeAlert(alert: Alert, rules: readonly RoutingRule[], defaults: readonly Route[]): Route[] {
  const routes: Route[] = [];
  const add = (route: Route) => {
    if (!routes.some((r) => r.platform === route.platform && r.channelId === route.channelId)) routes.push(route);
  };
  defaults.forEach(add);
  for (const rule of rules) if (matches(rule, alert)) add({ platform: rule.platform, channelId: rule.channel });
  return routes;
}

function matches(rule: RoutingRule, alert: Alert): boolean {
  if (rule.subscription && rule.subscription.toLowerCase() !== (alert.subscriptionId ?? '').toLowerCase()) return false;
  if (rule.minSeverity && rank(alert.severity) < rank(rule.minSeverity)) return false;
  if (rule.alertType && !alertTypeMatches(rule.alertType, alert.alertType)) return false;
  return true;
}

/** Higher is more severe: Informational 0 … High 3. */
function rank(severity: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(severity);
}

function alertTypeMatches(pattern: string, alertType: string): boolean {
  const p = pattern.toLowerCase();
  const t = alertType.toLowerCase();
  return p.endsWith('*') ? t.startsWith(p.slice(0, -1)) : t === p;
}

function parse(json: string | undefined): { rules: RoutingRule[]; problems: string[] } {
  if (json === undefined || json.trim() === '') return { rules: [], problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    return { rules: [], problems: [`ROUTING_RULES: not valid JSON (${(err as Error).message})`] };
  }
  if (!Array.isArray(raw)) return { rules: [], problems: ['ROUTING_RULES: must be a JSON array of rules'] };
  const rules: RoutingRule[] = [];
  const problems: string[] = [];
  raw.forEach((item, index) => {
    const result = parseRule(item);
    if (typeof result === 'string') problems.push(`ROUTING_RULES[${index}]${describe(item)}: ${result}`);
    else rules.push(result);
  });
  return { rules, problems };
}

/** A rule, or what is wrong with it. */
function parseRule(item: unknown): RoutingRule | string {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return 'must be an object {"platform", "channel", …}';
  const r = item as Record<string, unknown>;
  const unknown = Object.keys(r).filter((k) => !RULE_KEYS.includes(k));
  if (unknown.length) return `unknown field(s) ${unknown.map((k) => `"${k.slice(0, 40)}"`).join(', ')} (allowed: ${RULE_KEYS.join(', ')})`;
  if (!PLATFORMS.includes(r.platform as Platform)) return `platform must be one of ${PLATFORMS.join(', ')}`;
  if (!nonEmpty(r.channel)) return 'channel must be a non-empty string (a channel id)';
  if (r.platform === 'slack' && !SLACK_CHANNEL_ID.test(r.channel.trim())) return `channel must be ${SLACK_CHANNEL_HINT}`;
  for (const key of ['subscription', 'alertType'] as const)
    if (r[key] !== undefined && !nonEmpty(r[key])) return `${key} must be a non-empty string when given`;
  if (r.minSeverity !== undefined && !SEVERITIES.includes(r.minSeverity as Severity))
    return `minSeverity must be one of ${SEVERITIES.join(', ')}`;
  return {
    platform: r.platform as Platform,
    channel: (r.channel as string).trim(),
    subscription: optional(r.subscription),
    minSeverity: r.minSeverity as Severity | undefined,
    alertType: optional(r.alertType),
  };
}

function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

function optional(v: unknown): string | undefined {
  return nonEmpty(v) ? v.trim() : undefined;
}

/** " (slack → C123)" so a problem names the rule, not just its index. */
function describe(item: unknown): string {
  if (!item || typeof item !== 'object') return '';
  const { platform, channel } = item as Record<string, unknown>;
  const p = typeof platform === 'string' ? platform.slice(0, 20) : '?';
  const c = typeof channel === 'string' ? channel.slice(0, 40) : '?';
  return ` (${p} → ${c})`;
}
