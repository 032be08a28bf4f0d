import { InputError } from '@backstage/errors';
import {
  ActionItem,
  ImpactedSlo,
  Postmortem,
} from '@sre-catalog/backstage-plugin-sre-common';
import { randomUUID } from 'crypto';
import { ParsedPostmortemRequest } from './parsePostmortemRequest';
import { PostmortemResource, restrictedFacts } from './PostmortemResource';
import { PostmortemContent, PostmortemEntityFacts } from './PostmortemStore';

/**
 * The stored content of a request: only content fields, action items with ids
 * (kept for items the postmortem has, new for new ones).
 */
export function contentOf(
  request: ParsedPostmortemRequest,
  impactedSlos: ImpactedSlo[],
  storedItemIds: Set<string>,
): PostmortemContent {
  const actionItems = request.actionItems.map((item, i): ActionItem => {
    if (item.id !== undefined && !storedItemIds.has(item.id)) {
      throw new InputError(
        `Invalid actionItems[${i}].id: ${item.id.slice(
          0,
          80,
        )} is not an action item of this postmortem; leave id out for new items`,
      );
    }
    return {
      id: item.id ?? randomUUID(),
      title: item.title.trim(),
      owner: item.owner,
      dueDate: item.dueDate,
      priority: item.priority,
      status: item.status,
      trackingUrl: item.trackingUrl,
    };
  });
  return {
    template: request.template,
    title: request.title,
    severity: request.severity,
    status: request.status,
    startedAt: request.startedAt,
    detectedAt: request.detectedAt,
    mitigatedAt: request.mitigatedAt,
    resolvedAt: request.resolvedAt,
    entityRefs: request.entityRefs,
    impactedSlos,
    summary: request.summary,
    impact: request.impact,
    timeline: request.timeline,
    contributingFactors: request.contributingFactors,
    wentWell: request.wentWell,
    wentPoorly: request.wentPoorly,
    lessons: request.lessons,
    tags: request.tags,
    links: request.links,
    actionItems,
  };
}

/**
 * A postmortem resource as it would be stored: content, derived fields and facts,
 * for the permission check before the write.
 */
export function resourceOf(
  postmortem: Omit<Postmortem, 'ownerRefs'>,
  facts: PostmortemEntityFacts,
): PostmortemResource {
  return {
    ...postmortem,
    ownerRefs: [...new Set(facts.owners.map(o => o.ownerRef))].sort(),
    sreRefs: [...new Set(facts.sres.map(s => s.sreRef))].sort(),
    ...restrictedFacts(facts.restrictedEntityRefs, facts.owners),
  };
}
