/** The Adaptive Card JSON this module produces: plain objects, schema version 1.5. */

export interface AcElement {
  type: string;
  [property: string]: unknown;
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  body: AcElement[];
  actions?: AcElement[];
  fallbackText?: string;
  msteams?: { width: 'Full' };
  [property: string]: unknown;
}

export const CARD_VERSION = '1.5';
