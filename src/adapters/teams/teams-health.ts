/**
 * What is wrong with Teams right now, for /readyz and the logs: conversations that answered 403
 * (the bot was removed from the team, or blocked by the user or an admin). Posting there is not
 * retried until the cool-down passes or the conversation talks to the bot again (a reinstall).
 */
export interface TeamsProblem {
  conversationId: string;
  status: number;
  message: string;
  at: string;
}

export const FORBIDDEN_COOL_DOWN_MS = 10 * 60_000;

export class TeamsHealth {
  private readonly forbidden = new Map<string, TeamsProblem>();

  constructor(private readonly now: () => number = Date.now) {}

  recordForbidden(conversationId: string, message: string): TeamsProblem {
    const problem = { conversationId, status: 403, message, at: new Date(this.now()).toISOString() };
    this.forbidden.set(conversationId, problem);
    return problem;
  }

  /** The conversation spoke to us again (e.g. the app was reinstalled): posting may resume. */
  clear(conversationId: string): void {
    this.forbidden.delete(conversationId);
  }

  /** The recorded 403 if it is recent enough that posting again would only fail again. */
  blocked(conversationId: string): TeamsProblem | undefined {
    const problem = this.forbidden.get(conversationId);
    if (!problem) return undefined;
    return this.now() - Date.parse(problem.at) < FORBIDDEN_COOL_DOWN_MS ? problem : undefined;
  }

  problems(): TeamsProblem[] {
    return [...this.forbidden.values()];
  }
}
