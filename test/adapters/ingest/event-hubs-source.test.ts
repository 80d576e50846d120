/**
 * The Event Hubs handlers, driven through the SDK's own types (ReceivedEventData, PartitionContext)
 * by an in-process event source: there is no Event Hubs or blob server here, so the client and the
 * blob checkpoint store themselves are not exercised by these tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PartitionContext, ReceivedEventData } from '@azure/event-hubs';
import { alertEventHandlers } from '../../../src/adapters/ingest/event-hubs-source';
import { defaultSettings, silentLogger, type AppDeps } from '../../../src/app/deps';
import { ingestRaw } from '../../../src/app/ingest-alert';
import { openTestStore } from '../store/test-databases';
import { normalizeAlert } from '../../../src/domain/normalize';
import { alertIdOf, armAlert } from './raw-alerts';

const EXPORT_ALERT = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../demo/alerts/flagship-2-suspicious-powershell.export.json'), 'utf8'),
) as Record<string, unknown>;

let sequence = 0;
function event(body: unknown, enqueuedTimeUtc = new Date()): ReceivedEventData {
  sequence++;
  const at = { body, sequenceNumber: sequence, offset: String(sequence * 100), enqueuedTimeUtc, partitionKey: null, properties: {}, systemProperties: {} };
  return { ...at, getRawAmqpMessage: () => ({ body, bodyType: 'data' }) };
}

function partition(): PartitionContext & { checkpoints: number[] } {
  const checkpoints: number[] = [];
  return {
    checkpoints,
    fullyQualifiedNamespace: 'test.servicebus.windows.net',
    eventHubName: 'defender-alerts',
    consumerGroup: '$Default',
    partitionId: '0',
    lastEnqueuedEventProperties: {},
    updateCheckpoint: async (e: ReceivedEventData) => void checkpoints.push(e.sequenceNumber),
  };
}

const logs: string[] = [];
const logger = { warn: (_o: object, m?: string) => void logs.push(m ?? ''), error: (_o: object, m?: string) => void logs.push(m ?? '') };
const idOf = (raw: unknown) => normalizeAlert(raw).systemAlertId;

describe('Event Hubs alert handlers', () => {
  beforeEach(() => (logs.length = 0));

  it('reads both export shapes, arrays, records envelopes and bytes, then checkpoints the batch', async () => {
    const delivered: unknown[] = [];
    const handlers = alertEventHandlers(async (raw) => void delivered.push(raw), logger);
    const ctx = partition();
    const events = [
      event(EXPORT_ALERT),
      event([armAlert(1), armAlert(2)]),
      event({ records: [armAlert(3)] }),
      event(new TextEncoder().encode(JSON.stringify(armAlert(4)))),
      event(JSON.stringify(armAlert(5))),
    ];
    await handlers.processEvents(events, ctx);
    expect(delivered.map(idOf)).toEqual([EXPORT_ALERT.SystemAlertId, ...[1, 2, 3, 4, 5].map(alertIdOf)]);
    expect(ctx.checkpoints).toEqual([events[4].sequenceNumber]);
  });

  it('delivers an alert again only when its status changed (at-least-once redelivery)', async () => {
    const delivered: string[] = [];
    const handlers = alertEventHandlers(async (raw) => void delivered.push(`${idOf(raw)} ${normalizeAlert(raw).status}`), logger);
    const ctx = partition();
    await handlers.processEvents([event(armAlert(1)), event(armAlert(1))], ctx);
    await handlers.processEvents([event(armAlert(1)), event(armAlert(1, { status: 'Resolved' })), event(armAlert(1, { status: 'Resolved' }))], ctx);
    expect(delivered).toEqual([`${alertIdOf(1)} Active`, `${alertIdOf(1)} Resolved`]);
    expect(ctx.checkpoints).toHaveLength(2);
  });

  it('checkpoints only after the alerts are stored, retrying a failing store', async () => {
    let failures = 2;
    const delivered: string[] = [];
    const handlers = alertEventHandlers(
      async (raw) => {
        if (failures-- > 0) throw new Error('database unavailable');
        delivered.push(idOf(raw));
      },
      logger,
      { backoffMs: 1 },
    );
    const ctx = partition();
    await handlers.processEvents([event(armAlert(1))], ctx);
    expect(delivered).toEqual([alertIdOf(1)]);
    expect(ctx.checkpoints).toHaveLength(1);
  });

  it('leaves the batch uncheckpointed when the store stays down, so it is read again', async () => {
    const handlers = alertEventHandlers(async () => Promise.reject(new Error('database unavailable')), logger, { attempts: 3, backoffMs: 1 });
    const ctx = partition();
    await expect(handlers.processEvents([event(armAlert(1))], ctx)).rejects.toThrow('database unavailable');
    expect(ctx.checkpoints).toEqual([]);
  });

  it('logs and passes poison events instead of blocking the partition', async () => {
    const delivered: unknown[] = [];
    const handlers = alertEventHandlers(async (raw) => void delivered.push(raw), logger);
    const ctx = partition();
    const events = [event('{"not json'), event({ hello: 'world' }), event(armAlert(9))];
    await handlers.processEvents(events, ctx);
    expect(delivered.map(idOf)).toEqual([alertIdOf(9)]);
    expect(logs).toEqual(['Event Hubs: an event body is not JSON; skipped', 'Event Hubs: an item is not a Defender alert; skipped']);
    expect(ctx.checkpoints).toEqual([events[2].sequenceNumber]);
  });

  it('a redelivered older event never reopens a Resolved alert; a newer Active (reopened in Defender) does', async () => {
    const { store, dispose } = await openTestStore('sqlite');
    try {
      const deps: AppDeps = { store, surfaces: {}, clock: { now: () => new Date('2026-12-07T10:05:00Z') }, logger: silentLogger, settings: defaultSettings, routes: () => [] };
      const ingest = (raw: unknown, _source: string, meta?: { observedAt?: string }) => ingestRaw(raw, deps, meta).then(() => undefined);
      const at = (hhmm: string) => new Date(`2026-12-07T${hhmm}:00Z`);
      const active = event(armAlert(1), at('10:00'));
      await alertEventHandlers(ingest, logger).processEvents([active, event(armAlert(1, { status: 'Resolved' }), at('10:01'))], partition());
      // After a restart (nothing remembered) the partition is read again from an older checkpoint.
      await alertEventHandlers(ingest, logger).processEvents([active], partition());
      expect((await store.alerts.get(alertIdOf(1)))?.status).toBe('Resolved');
      const handlers = alertEventHandlers(ingest, logger);
      await handlers.processEvents([event(armAlert(1, { status: 'Resolved' }), at('10:01')), event(armAlert(1), at('10:02'))], partition());
      expect((await store.alerts.get(alertIdOf(1)))?.status).toBe('Active');
    } finally {
      await dispose();
    }
  });
});
