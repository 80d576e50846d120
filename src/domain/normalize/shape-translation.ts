/**
 * Shapes that are not Defender's own (Graph alerts_v2, SecurityAlert rows) are read by translating
 * them into the continuous-export fields the Defender normalizer already reads, so every rule
 * (identity bounds, times, entities, locality, hostile input) applies to them unchanged.
 */
import type { Alert, AlertShape } from '../alert';
import type { JsonObject } from './fields';

export interface ShapeTranslation {
  shape: AlertShape;
  /** Continuous-export (PascalCase) fields. */
  fields: JsonObject;
  /** Link fields only this shape carries (Graph id, XDR incident, Sentinel row id). */
  links: Partial<Alert>;
}
