import { customerAccessPolicy, customerOf, parseCustomers } from '../../src/domain/customers';
import { problemsOf } from '../config/config-problems';

const T1 = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const T2 = '11111111-2222-4333-8444-555555555555';
const S1 = '3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c';
const S2 = '20ff7fc3-e762-44dd-bd96-b71116dcdc23';
const VALID = JSON.stringify({
  Contoso: { tenantId: T1, subscriptions: [S1.toUpperCase()], alertChannel: 'slack:C0CONTOSO', handoffChannel: 'slack:C0HANDOFF', analysts: ['U01'], leads: ['U02'], shifts: 'Europe/Berlin 07:00,15:00,23:00', workspaces: '*' },
  Fabrikam: { tenantId: T2, subscriptions: [S2], alertChannel: 'teams:19:fab@thread.tacv2' },
});

describe('CUSTOMERS', () => {
  test('parses each customer; handoff defaults to the alert channel', () => {
    const { customers, problems } = parseCustomers(VALID);
    expect(problems).toEqual([]);
    expect(customers[0]).toMatchObject({ name: 'Contoso', tenantId: T1, subscriptions: [S1], roster: { analysts: ['U01'], leads: ['U02'] }, workspaces: { kind: 'any' } });
    expect(customers[1]!.handoffRoutes).toEqual([{ platform: 'teams', channelId: '19:fab@thread.tacv2' }]);
  });

  test('every problem at once, naming the customer and the field, through the config loader', () => {
    const bad = JSON.stringify({
      Contoso: { tenantId: 'contoso.onmicrosoft.com', subscriptions: [S1], alertChannel: '#soc', shifts: 'Mars/Base 07:00', colour: 'blue' },
      Fabrikam: { tenantId: T2, subscriptions: [S1], alertChannel: 'slack:C0F', workspaces: ['law-fab'] },
    });
    const problems = problemsOf({ CUSTOMERS: bad });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^CUSTOMERS: Contoso\.colour: unknown field/),
        expect.stringMatching(/^CUSTOMERS: Contoso\.tenantId: .* is not an id/),
        expect.stringMatching(/^CUSTOMERS: Contoso\.alertChannel: "#soc" must be platform:channel/),
        expect.stringMatching(/^CUSTOMERS: Contoso\.shifts: unknown time zone/),
        expect.stringMatching(/^CUSTOMERS: Fabrikam\.workspaces: "law-fab" is not a workspace id/),
      ]),
    );
    expect(parseCustomers('{"A": {"tenantId": "' + T1 + '", "subscriptions": ["' + S1 + '"], "alertChannel": "slack:C1"}, "B": {"tenantId": "' + T2 + '", "subscriptions": ["' + S1 + '"], "alertChannel": "slack:C2"}}').problems).toEqual([
      `B.subscriptions: ${S1} is also A's`,
    ]);
    expect(parseCustomers('[1]').problems).toEqual([expect.stringMatching(/^must be a JSON object/)]);
  });

  test('an alert belongs to the customer of its subscription, else of its tenant', () => {
    const { customers } = parseCustomers(VALID);
    expect(customerOf({ subscriptionId: S1.toUpperCase() }, customers)?.name).toBe('Contoso');
    expect(customerOf({ subscriptionId: 'ffffffff-0000-4000-8000-000000000000', tenantId: T2 }, customers)?.name).toBe('Fabrikam');
    expect(customerOf({ subscriptionId: 'ffffffff-0000-4000-8000-000000000000' }, customers)).toBeUndefined();
  });

  test("a customer's access policy is its roster and its channels", () => {
    const [contoso] = parseCustomers(VALID).customers;
    expect(customerAccessPolicy(contoso!, { emptyRoster: 'nobody' })).toEqual({
      emptyRoster: 'nobody',
      roster: { analysts: ['U01'], leads: ['U02'] },
      channels: [{ platform: 'slack', channelId: 'C0CONTOSO' }, { platform: 'slack', channelId: 'C0HANDOFF' }],
    });
  });
});
