/**
 * Intent 'refresh' (Teams' Universal Actions refresh of an alert card): the card as it is now. It
 * shows alert data, so it goes through the same authorization as any other intent.
 */
import { alertCard } from './alert-card';
import type { UseCase } from './deps';

export const refreshCard: UseCase<'refresh'> = async ({ intent }, deps) => ({ alertCard: await alertCard(intent.alertId, deps) });
