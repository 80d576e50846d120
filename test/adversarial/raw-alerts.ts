/**
 * Raw Defender alerts in every shape, made hostile: real samples (ARM 2022-01-01 and 2021-11-01,
 * continuous export with $id/$ref entities, the SDK's flattened shape with Date objects, lists; the
 * demo alerts and one alert per Defender plan, test/fixtures/defender/plans) with
 * string leaves replaced by hostile text, keys dropped, leaves of the wrong type, $refs dangling or
 * cyclic. Deterministic from the generated plan, so fast-check can replay and shrink a failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { anyHostile } from './hostile-text';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

function samples(): Record<string, unknown> {
  const demo = path.join(ROOT, 'demo/alerts');
  const out: Record<string, unknown> = {};
  for (const f of fs.readdirSync(demo).filter((f) => f.endsWith('.json'))) out[f] = read(path.join(demo, f));
  const list = read(path.resolve(ROOT, 'test/fixtures/defender/rest-2022-01-01-list-subscription.json')) as {
    responses: { '200': { body: { value: unknown[] } } };
  };
  list.responses['200'].body.value.forEach((a, i) => (out[`published-${i}`] = a));
  out['fixture-2021-11-01'] = read(path.join(ROOT, 'test/domain/normalize/fixtures/flagship-2-suspicious-powershell.arm-2021-11-01.json'));
  // One real-shaped alert per Defender plan: every plan's query builders see hostile alerts too.
  const plans = path.join(ROOT, 'test/fixtures/defender/plans');
  for (const f of fs.readdirSync(plans).filter((f) => f.endsWith('.json'))) out[`plan-${f}`] = read(path.join(plans, f));
  return out;
}

export const SAMPLES = samples();
const NAMES = Object.keys(SAMPLES);

export type Shape = 'as-is' | 'sdk' | 'array' | 'value-list' | 'api-example';

export interface MutationPlan {
  sample: string;
  shape: Shape;
  strings: string[];
  seed: number;
  /** probability (0..100) that a string leaf becomes hostile */
  stringRate: number;
  /** probability (0..100) that a leaf is dropped or gets the wrong type */
  breakRate: number;
}

/** A small deterministic PRNG (mulberry32): the same plan always gives the same alert. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ID_KEY = /^(systemAlertId|name)$/i;
const MAX_ID = 200;

const WRONG_TYPES: unknown[] = [null, 0, -1, 1e308, true, [], {}, [null], { $ref: '999' }, { $ref: '1' }, 'not a date', '9999-99-99T99:99:99Z'];

function mutate(value: unknown, plan: MutationPlan, rnd: () => number, depth: number): unknown {
  if (typeof value === 'string') {
    if (rnd() * 100 < plan.stringRate) return plan.strings[Math.floor(rnd() * plan.strings.length)]!;
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => mutate(v, plan, rnd, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const roll = rnd() * 100;
      // The alert id is kept at the top level (an alert without one is refused, which is tested apart).
      const keep = depth === 0 || /systemalertid/i.test(k);
      if (!keep && roll < plan.breakRate / 2) continue;
      if (!keep && roll < plan.breakRate) out[k] = WRONG_TYPES[Math.floor(rnd() * WRONG_TYPES.length)];
      else out[k] = mutate(v, plan, rnd, depth + 1);
      // Alert ids stay id-sized: a huge id is a known, separately tested problem (hostile-cases: "alert id
      // length"), and long ids here would make this suite flaky instead of pointing at it.
      if (ID_KEY.test(k) && typeof out[k] === 'string') out[k] = (out[k] as string).slice(0, MAX_ID);
    }
    return out;
  }
  return value;
}

/** The SDK's shape: `properties` flattened onto the resource, times as Date objects. */
function sdkShape(alert: unknown): unknown {
  if (!alert || typeof alert !== 'object' || !('properties' in alert)) return alert;
  const { properties, ...resource } = alert as { properties: Record<string, unknown> };
  if (!properties || typeof properties !== 'object') return alert;
  const flat: Record<string, unknown> = { ...resource, ...properties };
  for (const [k, v] of Object.entries(flat)) if (/Utc$/.test(k) && typeof v === 'string') flat[k] = new Date(v);
  return flat;
}

export function rawAlertFrom(plan: MutationPlan): unknown {
  const rnd = prng(plan.seed);
  const one = () => mutate(structuredClone(SAMPLES[plan.sample]), plan, rnd, 0);
  switch (plan.shape) {
    case 'as-is':
      return one();
    case 'sdk':
      return sdkShape(one());
    case 'array':
      return [one(), one()];
    case 'value-list':
      return { value: [one()], nextLink: null };
    case 'api-example':
      return { parameters: {}, responses: { '200': { body: { value: [one()] } } } };
  }
}

/** Plans whose hostile strings come from `strings` (default: every kind, long ones included). */
export function mutationPlanWith(strings: fc.Arbitrary<string> = anyHostile): fc.Arbitrary<MutationPlan> {
  return fc.record({
    sample: fc.constantFrom(...NAMES),
    shape: fc.constantFrom<Shape>('as-is', 'sdk', 'array', 'value-list', 'api-example'),
    strings: fc.array(strings, { minLength: 1, maxLength: 6 }),
    seed: fc.integer(),
    stringRate: fc.integer({ min: 0, max: 100 }),
    breakRate: fc.integer({ min: 0, max: 30 }),
  });
}

export const mutationPlan = mutationPlanWith();

export function hostileRawAlertWith(strings?: fc.Arbitrary<string>): fc.Arbitrary<{ plan: MutationPlan; raw: unknown }> {
  return mutationPlanWith(strings).map((plan) => ({ plan, raw: rawAlertFrom(plan) }));
}

export const hostileRawAlert = hostileRawAlertWith();
