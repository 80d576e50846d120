/**
 * One alert identity whatever the shape: the flagship as ARM, export, Graph and SecurityAlert row
 * is one Defender alert id; merging the shapes keeps what was stored and adds what is new.
 */
import { isSameAlert, mergeAlertShapes } from '../../src/domain/alert-merge';
import { xdrAlertUrl, xdrIncidentUrl } from '../../src/domain/portal-links';
import { FLAGSHIP_ALERT_ID as FLAGSHIP_ID, flagshipAs } from '../helpers/flagship-shapes';

const flagshipShapes = {
  arm: () => flagshipAs('arm'),
  export: () => flagshipAs('export'),
  graph: () => flagshipAs('graph'),
  row: () => flagshipAs('row'),
};

describe('one identity whatever the shape', () => {
  it.each(Object.entries(flagshipShapes))('the flagship as %s has the Defender alert id', (_shape, make) => {
    expect(make().systemAlertId).toBe(FLAGSHIP_ID);
  });

  it('the shapes are the same alert to each other, and never to another alert', () => {
    const all = Object.values(flagshipShapes).map((make) => make());
    for (const a of all) for (const b of all) expect(isSameAlert(a, b)).toBe(true);
    expect(isSameAlert(all[0]!, { ...all[0]!, systemAlertId: 'other' })).toBe(false);
    // Graph or Sentinel ids shared means the same alert even if a source gave another identity.
    expect(isSameAlert({ ...all[2]!, systemAlertId: 'x' }, all[2]!)).toBe(true);
    expect(isSameAlert({ ...all[0]!, graphAlertId: '' }, { ...all[1]!, systemAlertId: 'y', graphAlertId: '' })).toBe(false);
  });
});

describe('merging shapes', () => {
  it('ARM first, then Graph: the card keeps ARM content and gains the Graph id, tenant and XDR incident', () => {
    const arm = flagshipShapes.arm();
    const merged = mergeAlertShapes(arm, flagshipShapes.graph());
    expect(merged).toMatchObject({
      armId: arm.armId,
      location: 'westeurope',
      alertType: arm.alertType,
      who: arm.who,
      where: arm.where,
      what: arm.what,
      shape: 'arm',
      graphAlertId: 'dc2516066414359999999_c3a9e1d4-6b27-4f85-a0d2-7e4b9c1f5a63',
      tenantId: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
      xdrIncidentId: '4127',
    });
    expect(merged.extendedProperties['Detection source']).toBe('microsoftDefenderForServers');
    expect(mergeAlertShapes(merged, flagshipShapes.graph())).toEqual(merged);
  });

  it('Graph first, then ARM and a row: the ARM id (for write-back), the workspace and the Sentinel id are added', () => {
    const merged = [flagshipShapes.arm(), flagshipShapes.row()].reduce(mergeAlertShapes, flagshipShapes.graph());
    expect(merged).toMatchObject({ shape: 'graph', graphAlertId: expect.any(String), armId: expect.stringContaining('/alerts/'), location: 'westeurope', sentinelAlertId: '8f1c5e2a-3b4d-4c6e-9a7f-1d2e3c4b5a69' });
    expect(merged.workspace?.workspaceId).toBe('8c1d2e3f-4a5b-4c6d-9e7f-0a1b2c3d4e5f');
  });

  it('state is the newer shape’s: status and severity change, the end time only grows', () => {
    const arm = flagshipShapes.arm();
    const later = { ...flagshipShapes.graph(), status: 'InProgress' as const, severity: 'High' as const, endTime: '2026-11-26T02:30:00.000Z' };
    expect(mergeAlertShapes(arm, later)).toMatchObject({ status: 'InProgress', severity: 'High', endTime: '2026-11-26T02:30:00.000Z' });
    expect(mergeAlertShapes(later, { ...arm, shape: 'arm' }).endTime).toBe('2026-11-26T02:30:00.000Z');
  });

  it('XDR "resolved" for an alert Defender for Cloud dismissed is no change back; a dismissal is one', () => {
    const dismissed = { ...flagshipShapes.arm(), status: 'Dismissed' as const };
    expect(mergeAlertShapes(dismissed, { ...flagshipShapes.graph(), status: 'Resolved' }).status).toBe('Dismissed');
    expect(mergeAlertShapes(dismissed, { ...flagshipShapes.arm(), status: 'Resolved' }).status).toBe('Resolved');
    expect(mergeAlertShapes(dismissed, { ...flagshipShapes.graph(), status: 'Active' }).status).toBe('Active');
  });

  it('an XDR incident merged into another: the newer incident id wins', () => {
    const graph = flagshipShapes.graph();
    expect(mergeAlertShapes(graph, { ...graph, xdrIncidentId: '4200' }).xdrIncidentId).toBe('4200');
  });
});

describe('Defender portal links, built from ids', () => {
  it('the incident and the alert, in the alert’s tenant', () => {
    const graph = flagshipShapes.graph();
    expect(xdrIncidentUrl(graph)).toBe('https://security.microsoft.com/incidents/4127?tid=0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0');
    expect(xdrAlertUrl(graph)).toBe('https://security.microsoft.com/alerts/dc2516066414359999999_c3a9e1d4-6b27-4f85-a0d2-7e4b9c1f5a63?tid=0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0');
  });

  it('ids that are not Defender’s make no link; a bad tenant is left out', () => {
    expect(xdrIncidentUrl({ xdrIncidentId: '4127/../../evil' })).toBeUndefined();
    expect(xdrIncidentUrl({ xdrIncidentId: '4127', tenantId: 'x"><script>' })).toBe('https://security.microsoft.com/incidents/4127');
    expect(xdrAlertUrl({ graphAlertId: 'https://evil.example/' })).toBeUndefined();
    expect(xdrAlertUrl({})).toBeUndefined();
  });
});

describe('a newer delivery in the shape stored first', () => {
  it('replaces what the alert says, and keeps what other shapes added', () => {
    const stored = mergeAlertShapes(flagshipShapes.arm(), flagshipShapes.graph());
    const updated = { ...flagshipShapes.arm(), description: 'Defender updated this alert', what: [] };
    const merged = mergeAlertShapes(stored, updated);
    expect(merged.description).toBe('Defender updated this alert');
    expect(merged.what).toEqual(stored.what); // a list the newer delivery left empty is not lost
    expect(merged).toMatchObject({ graphAlertId: stored.graphAlertId, xdrIncidentId: '4127', shape: 'arm' });
  });
});
