/**
 * Decisions written to the Defender XDR alert the team works in (Graph alerts_v2, permission
 * SecurityAlert.ReadWrite.All): PATCH status, classification and determination, then POST a comment
 * with the tally and the deciders. Both calls are safe to repeat except the comment, so a retry after
 * a lost answer may add it twice (rare, and visible). ARM write-back stays for alerts not in the
 * Defender portal: RoutedWriteBack picks per alert.
 */
import type { Alert, AlertStatus } from '../../domain/alert';
import { verdictForStatus, XDR_FOR_VERDICT } from '../../domain/votes/xdr-verdict';
import type { DefenderWriteBack, WriteBackNote, WriteBackResult } from '../../ports/defender-client';
import { GraphRequestError, type GraphSecurityClient } from './graph-security-client';

export class GraphDefenderWriteBack implements DefenderWriteBack {
  constructor(private readonly client: Pick<GraphSecurityClient, 'updateAlert' | 'addComment'>) {}

  async setStatus(alert: Alert, status: AlertStatus, note?: WriteBackNote): Promise<WriteBackResult> {
    const id = alert.graphAlertId;
    const verdict = note?.verdict ?? verdictForStatus(status);
    if (!id) return { ok: false, reason: 'the alert has no Defender XDR (Graph) id', retryable: false, target: 'graph' };
    if (!verdict) return { ok: false, reason: `no Defender XDR state stands for ${status}`, retryable: false, target: 'graph' };
    const update = XDR_FOR_VERDICT[verdict];
    try {
      await this.client.updateAlert(id, update);
      if (note?.comment) await this.client.addComment(id, note.comment);
    } catch (err) {
      return failure(err);
    }
    const detail = `Defender XDR alert set to ${update.status}, classified ${update.classification} (${update.determination})${note?.comment ? '; the tally and deciders added as a comment' : ''}.`;
    return { ok: true, status, target: 'graph', detail };
  }
}

function failure(err: unknown): WriteBackResult {
  if (!(err instanceof GraphRequestError)) return { ok: false, reason: (err as Error).message, retryable: true, target: 'graph' };
  const s = err.status;
  // A missing permission can be granted (then the retry succeeds); a 404 or a 400 will not heal.
  const retryable = s === 403 || s === 401 || s === 408 || s === 429 || s >= 500;
  const reason = s === 404 ? `Defender XDR does not know this alert (deleted, or another tenant) [${err.message}]` : err.message;
  return { ok: false, httpStatus: s, reason, retryable, target: 'graph' };
}

/** Graph for alerts that reached the Defender portal (they carry a Graph id), ARM for the rest. */
export class RoutedWriteBack implements DefenderWriteBack {
  constructor(private readonly routes: { graph?: DefenderWriteBack; arm?: DefenderWriteBack }) {}

  setStatus(alert: Alert, status: AlertStatus, note?: WriteBackNote): Promise<WriteBackResult> {
    if (alert.graphAlertId && this.routes.graph) return this.routes.graph.setStatus(alert, status, note);
    if (this.routes.arm) return this.routes.arm.setStatus(alert, status, note).then((r) => ({ ...r, target: 'arm' as const }));
    return Promise.resolve({ ok: false, reason: 'the alert is not in the Defender portal (no Graph id) and ARM write-back is not configured', retryable: false });
  }
}
