/**
 * What a posted message is to its alert, kept with its reference (message_refs.role) and, on Slack,
 * in the reply's message metadata: the alert's own card, its reply in a storm's group card thread,
 * or a handoff post (threads keyed by the handoff). Stored as these exact strings.
 */
export const MESSAGE_ROLES = ['root', 'storm-member', 'handoff'] as const;

export type MessageRole = (typeof MESSAGE_ROLES)[number];

export function isMessageRole(value: unknown): value is MessageRole {
  return (MESSAGE_ROLES as readonly unknown[]).includes(value);
}
