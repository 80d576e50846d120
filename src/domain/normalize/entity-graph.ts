/**
 * Defender entities are a graph written as JSON.NET references: an entity is defined once with a
 * `$id` (at the top level or inline, e.g. a process's ImageFile) and pointed at elsewhere with
 * `{ "$ref": "<id>" }`. This indexes every definition and resolves references on demand, so a
 * reference cycle cannot loop and a dangling reference is just absent.
 */
import { isObject, parseIfJsonText, type JsonObject } from './fields';

/** Deep enough for any real entity (process → parent → image file → hashes); stops hostile nesting. */
const MAX_DEPTH = 12;

/** Entity kinds that are worth listing even when only defined inline inside another entity. */
const LISTED_WHEN_INLINE = new Set(['account', 'host', 'ip', 'url', 'dns', 'azure-resource']);

export class EntityGraph {
  private readonly byId = new Map<string, JsonObject>();
  private readonly topLevel = new Set<JsonObject>();
  private readonly listed: JsonObject[];

  constructor(entities: unknown) {
    const parsed = parseIfJsonText(entities);
    const list = Array.isArray(parsed) ? parsed : [];
    for (const item of list) this.index(item, 0);
    for (const item of list) {
      const entity = this.resolve(item);
      if (entity) this.topLevel.add(entity);
    }
    const inline = [...this.byId.values()].filter((e) => !this.topLevel.has(e) && LISTED_WHEN_INLINE.has(entityType(e)));
    this.listed = [...this.topLevel, ...inline];
  }

  /** The object a value stands for: itself, or the definition its `$ref` points at. */
  resolve(value: unknown): JsonObject | undefined {
    if (!isObject(value)) return undefined;
    const ref = refOf(value);
    return ref === undefined ? value : this.byId.get(ref);
  }

  /**
   * Every entity to show: the top-level ones, plus accounts/hosts/addresses that are only defined
   * inline (an account inside a process), so no "who" or "where" is lost. Inline files and parent
   * processes stay details of the process that holds them.
   */
  entities(): JsonObject[] {
    return this.listed;
  }

  /** The entities that some listed entity points at through `field` (e.g. the hashes files own). */
  referencedThrough(field: string): Set<JsonObject> {
    const referenced = new Set<JsonObject>();
    for (const owner of this.listed) {
      const value = fieldOf(owner, field);
      for (const item of Array.isArray(value) ? value : [value]) {
        const target = this.resolve(item);
        if (target && target !== owner) referenced.add(target);
      }
    }
    return referenced;
  }

  private index(value: unknown, depth: number): void {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      for (const item of value) this.index(item, depth + 1);
      return;
    }
    if (!isObject(value)) return;
    const id = idOf(value);
    if (id !== undefined && !this.byId.has(id)) this.byId.set(id, value);
    for (const key of Object.keys(value)) this.index(value[key], depth + 1);
  }
}

/** The entity's `type`/`Type`, lower-case ("" when absent). */
export function entityType(entity: JsonObject): string {
  const type = fieldOf(entity, 'type');
  return typeof type === 'string' ? type.trim().toLowerCase() : '';
}

function fieldOf(entity: JsonObject, name: string): unknown {
  const key = Object.keys(entity).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : entity[key];
}

function idOf(value: JsonObject): string | undefined {
  const id = value['$id'];
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

function refOf(value: JsonObject): string | undefined {
  const ref = value['$ref'];
  return typeof ref === 'string' || typeof ref === 'number' ? String(ref) : undefined;
}
