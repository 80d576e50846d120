/**
 * Who should see alert cards refresh by themselves: the people who recently acted in a channel,
 * newest first, at most 60 (Teams' refresh.userIds limit). Everyone else gets the manual refresh.
 * Kept in memory: losing it on restart only means a manual refresh until people click again.
 */
import { TEAMS } from '../cards/limits';

export class RefreshAudience {
  private readonly byChannel = new Map<string, string[]>();

  remember(channelId: string, userId: string | undefined): void {
    if (!userId) return;
    const users = (this.byChannel.get(channelId) ?? []).filter((u) => u !== userId);
    users.unshift(userId);
    this.byChannel.set(channelId, users.slice(0, TEAMS.refreshUserIds));
  }

  users(channelId: string): string[] {
    return [...(this.byChannel.get(channelId) ?? [])];
  }
}
