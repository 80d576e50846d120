/**
 * What a person asked for, whatever surface they clicked or typed on. Every chat adapter decodes
 * its clicks and commands into one of these; the use cases never see a platform payload.
 */
export type Platform = 'slack' | 'teams' | 'web';

export const INVESTIGATION_KINDS = ['identity', 'correlation', 'analyze'] as const;
export type InvestigationKind = (typeof INVESTIGATION_KINDS)[number];

export const VERDICTS = ['true-positive', 'benign-positive', 'false-positive'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The person behind a click or command, as their platform names them. */
export interface Actor {
  platform: Platform;
  /** Slack user id, Teams AAD object id (or channel account id), web session name. */
  userId: string;
  displayName: string;
  /** The organisation the request came from, as the platform says (checked before any intent). */
  org?: ActorOrg;
}

/** Slack: the workspace(s) in the payload (the request's and the user's own) and the Enterprise Grid; Teams: the tenant. */
export interface ActorOrg {
  teamIds?: string[];
  enterpriseId?: string;
  tenantId?: string;
}

/** Where the request came from, so answers go back to the same place. */
export interface Origin {
  platform: Platform;
  channelId: string;
  /** Root message of the thread the request belongs to (an alert's card), when there is one. */
  threadId?: string;
  /** The message the button sat on, to update in place. */
  messageId?: string;
  /** A one-to-one chat of the asker with the bot (Teams personal chat): only they see what is posted there. */
  direct?: boolean;
}

export type Intent =
  | { kind: 'investigate'; investigation: InvestigationKind; alertId: string }
  /** Post the KQL of an investigation of an alert in its thread. */
  | { kind: 'show-queries'; investigation: InvestigationKind; alertId: string }
  /** `/investigate <alert id | host | ip | account> [window]` */
  | { kind: 'investigate-target'; target: string; window?: string; investigation?: InvestigationKind }
  | { kind: 'vote'; alertId: string; verdict: Verdict; severity?: string; comment?: string }
  /** End a decision so the alert is voted again (a lead; anyone who may vote when no lead is set). */
  | { kind: 'reopen'; alertId: string }
  /** Open the vote controls (severity / comment) for an alert. */
  | { kind: 'vote-form'; alertId: string }
  | { kind: 'snooze'; alertId: string; minutes: number }
  | { kind: 'handoff'; note?: string }
  | { kind: 'handoff-note'; note: string }
  | { kind: 'handoff-ack'; handoffId: string }
  | { kind: 'triage-list' }
  | { kind: 'refresh'; alertId: string }
  | { kind: 'help'; topic?: string };

export type IntentKind = Intent['kind'];

export interface IntentRequest {
  intent: Intent;
  actor: Actor;
  origin: Origin;
}
