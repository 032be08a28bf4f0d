import { renderInTestApp } from '@backstage/test-utils';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
import { screen } from '@testing-library/react';
import {
  SrePostmortemDocument,
  SreRunbookDocument,
} from '@sre-catalog/backstage-plugin-sre-common';
import {
  srePostmortemSearchResultListItem,
  sreRunbookSearchResultListItem,
} from '../alpha/searchResultItems';
import { PostmortemSearchResultListItem } from './PostmortemSearchResultListItem';
import { RunbookSearchResultListItem } from './RunbookSearchResultListItem';

const postmortem: SrePostmortemDocument = {
  title: 'Checkout 502s after the TLS rotation',
  text: 'Expired intermediate certificate on the edge proxies.',
  location: '/catalog/default/component/checkout-api/postmortems/pm-1',
  postmortemId: 'pm-1',
  severity: 'SEV1',
  status: 'published',
  startedAt: '2026-11-20T08:15:00Z',
  entityRefs: ['component:default/checkout-api'],
  entityRef: 'component:default/checkout-api',
  owner: 'group:default/checkout-team',
  owners: ['group:default/checkout-team'],
  tags: ['tls'],
};

const runbook: SreRunbookDocument = {
  title: 'Queue backlog',
  text: 'Scale the consumers, then drain the dead-letter queue.',
  location: '/catalog/default/component/search-indexer/runbooks?runbook=rb-1',
  runbookId: 'rb-1',
  entityRef: 'component:default/search-indexer',
  owner: 'group:default/search-team',
  source: 'file',
  alerts: ['IndexLagHigh', 'QueueBacklog'],
  stale: true,
  lastReviewed: '2025-01-02',
};

describe('search result list items', () => {
  it('shows a postmortem with its severity, service, team and start, linked to it', async () => {
    await renderInTestApp(
      <PostmortemSearchResultListItem result={postmortem} />,
    );
    expect(
      screen.getByRole('link', { name: postmortem.title }),
    ).toHaveAttribute('href', postmortem.location);
    expect(screen.getByText(postmortem.text)).toBeInTheDocument();
    for (const chip of [
      'Postmortem',
      'Severity: SEV1',
      'Service: checkout-api',
      'Team: checkout-team',
      'Started: Nov 20, 2026',
    ]) {
      expect(screen.getByText(chip)).toBeInTheDocument();
    }
  });

  it('shows a runbook with its service, team, source, alerts and an overdue review', async () => {
    await renderInTestApp(<RunbookSearchResultListItem result={runbook} />);
    expect(screen.getByRole('link', { name: runbook.title })).toHaveAttribute(
      'href',
      runbook.location,
    );
    for (const chip of [
      'Runbook',
      'Review overdue',
      'Service: search-indexer',
      'Team: search-team',
      'Source: Repository file',
      '2 alerts',
    ]) {
      expect(screen.getByText(chip)).toBeInTheDocument();
    }
  });

  it('leaves out what a document does not have, and renders nothing without a title', async () => {
    const bareRunbook: SreRunbookDocument = {
      ...runbook,
      stale: false,
      alerts: [],
      owner: undefined,
    };
    const { container } = await renderInTestApp(
      <>
        <RunbookSearchResultListItem result={bareRunbook} />
        <PostmortemSearchResultListItem result={{ ...postmortem, title: '' }} />
      </>,
    );
    expect(screen.queryByText('Review overdue')).toBeNull();
    expect(screen.queryByText(/alerts?$/)).toBeNull();
    expect(screen.queryByText(/^Team:/)).toBeNull();
    expect(screen.queryByText('Postmortem')).toBeNull();
    expect(container.querySelectorAll('a')).toHaveLength(1);
  });

  it('highlights the matched words the search engine marks', async () => {
    await renderInTestApp(
      <PostmortemSearchResultListItem
        result={postmortem}
        highlight={{
          preTag: '<em>',
          postTag: '</em>',
          fields: { text: 'Expired intermediate <em>certificate</em>' },
        }}
      />,
    );
    expect(screen.getByText('certificate').tagName).toBe('MARK');
  });

  it('renders each document type with its own item in the new frontend system', () => {
    const result = (type: string) => ({ type, document: postmortem });
    const item = SearchResultListItemBlueprint.dataRefs.item;
    const postmortems = createExtensionTester(
      srePostmortemSearchResultListItem,
    ).get(item).predicate!;
    const runbooks = createExtensionTester(sreRunbookSearchResultListItem).get(
      item,
    ).predicate!;
    expect(postmortems(result('sre-postmortem'))).toBe(true);
    expect(postmortems(result('sre-runbook'))).toBe(false);
    expect(runbooks(result('sre-runbook'))).toBe(true);
    expect(runbooks(result('software-catalog'))).toBe(false);
  });
});
