/**
 * Resource Manager (Defender for Resource Manager): alerts at subscription or resource-group scope.
 * AzureActivity is searched at the alert's own scope only — the operations of the alert's caller
 * (its principal or IP) in that subscription or resource group, within the investigation window —
 * never "who touched" some other resource under it. With no caller named, only operations on the
 * scope itself.
 */
import type { CatalogueQuery } from '../query-types';
import { anyOf, inList, scopeOf, textOf, type Condition, type Row } from '../source-query';
import type { InvestigationSubject } from '../subject';
import { displayName, groupsOf, operationCounts, principalValues, spanOf, specQuery, totalCount, type Plan } from './plan';

export const resourceManagerPlan: Plan = {
  queries(subject, cloud, p) {
    const subscription = cloud.subscriptionId;
    if (!subscription && !subject.resourceId) return [];
    const callers = anyOf(inList('Caller', 'callers', principalValues(cloud)), inList('CallerIpAddress', 'ips', subject.ips, false));
    const scope: Condition[][] = callers.length
      ? [anyOf(inList('SubscriptionId', 'subscription', subscription ? [subscription] : [])), anyOf(inList('ResourceGroup', 'resourceGroup', scopeGroup(subject, cloud.resourceGroup))), callers]
      : [scopeOf(subject.resourceId ?? `/subscriptions/${subscription}`, 'scope', true)];
    const query: CatalogueQuery = specQuery('resource-manager-activity', callers.length ? "The caller's Azure operations at the alert's scope (AzureActivity)" : "Operations on the alert's scope itself (AzureActivity)", {
      window: p.window,
      match: scope,
      summarize: { by: ['Caller', 'CallerIpAddress', 'OperationNameValue', 'ActivityStatusValue', 'ResourceGroup'] },
      order: ['FirstSeen', 'asc'],
      limit: 50,
    }, p);
    return [query];
  },
  answer(rows, subject) {
    return activitySentences(rows('resource-manager-activity'), subject);
  },
};

/** A resource-group-scope alert narrows to its group; a subscription-scope one does not. */
function scopeGroup(subject: InvestigationSubject, resourceGroup: string | undefined): string[] {
  return resourceGroup && /\/resourcegroups\/[^/]+\/?$/i.test(subject.resourceId ?? '') ? [resourceGroup] : [];
}

/** "alice@contoso.com from 203.0.113.5 ran 46 operations (… ×12, …), 03:01–03:09." */
function activitySentences(rows: Row[], subject: InvestigationSubject): string[] {
  return groupsOf(rows, (r) => `${textOf(r.Caller)}|${textOf(r.CallerIpAddress)}`, (r) => textOf(r.CallerIpAddress), subject.ips).slice(0, 2).map((group) => {
    const r = group[0]!;
    const failed = totalCount(group.filter((g) => /fail/i.test(textOf(g.ActivityStatusValue))));
    return `${displayName(subject, textOf(r.Caller)) || 'An unknown caller'}${textOf(r.CallerIpAddress) ? ` from ${textOf(r.CallerIpAddress)}` : ''} ran ${totalCount(group)} Azure operation${totalCount(group) === 1 ? '' : 's'} (${operationCounts(group, 'OperationNameValue', 3)})${failed ? `, ${failed} failed` : ''}, ${spanOf(group)}.`;
  });
}
