/**
 * GET /contracts/{cis}/taskings: the filters, sorting and paging the notes list (§2.4), read the
 * way Airbus evidently reads query strings (repeated or comma-separated lists, case-insensitive
 * values). A parameter or value it does not understand is a 400, never silently ignored: a filter
 * dropped without a word would show a frontend every tasking as if it matched.
 */
import type { Request } from 'express';
import type { WireMission } from '../datasources/oneatlas/wire/types.js';
import { ALL_MISSIONS, ALL_PROG_TYPES } from './catalog.js';
import { dateBound, type Interval, intervalContains, parseInterval } from './intervals.js';
import { positiveIntegerParameter, queryValues } from './request-parsing.js';
import { ALL_TASKING_STATUSES, type TaskingRecord } from './state.js';
import { badRequest } from './upstream-error.js';

/** Upper bound of `count` on the taskings list. */
const MAX_PAGE_SIZE = 100;

const KNOWN_PARAMETERS: ReadonlySet<string> = new Set([
  'customerRef',
  'taskingIds',
  'status',
  'status[]',
  'hasProposedSegments',
  'mission',
  'progTypeNames',
  'acquisitionDate',
  'icrEndOfPeriodDate',
  'sortKeys',
  'count',
  'startPage',
]);

/** What each sort key orders by; `acquisitionDate` and `icrEndOfPeriodDate` are the period's ends, as the filters read them. */
const SORT_VALUES: Record<string, (tasking: TaskingRecord) => string> = {
  creationDate: (tasking) => tasking.createdAt,
  acquisitionDate: (tasking) => tasking.period.startDate,
  icrEndOfPeriodDate: (tasking) => tasking.period.endDate,
};

export interface TaskingListQuery {
  matches(tasking: TaskingRecord): boolean;
  compare(a: TaskingRecord, b: TaskingRecord): number;
  count: number;
  startPage: number;
}

export function parseTaskingListQuery(query: Request['query']): TaskingListQuery {
  for (const name of Object.keys(query)) {
    if (!KNOWN_PARAMETERS.has(name)) throw badRequest(`Unknown parameter '${name}'.`, 'INVALID_PARAMETER');
  }
  const customerRefs = queryValues(query, 'customerRef');
  const taskingIds = queryValues(query, 'taskingIds', true);
  const statuses = [...queryValues(query, 'status', true), ...queryValues(query, 'status[]', true)].map(
    (label) => oneOf('status', label, ALL_TASKING_STATUSES),
  );
  const hasProposed = single(query, 'hasProposedSegments', (value) =>
    oneOf('hasProposedSegments', value, ['true', 'false']),
  );
  const missions = queryValues(query, 'mission', true).map((value) => oneOf('mission', value, ALL_MISSIONS));
  // The order API names offers ONEDAY in requests and OneDay in taskings: either is understood.
  const offers = queryValues(query, 'progTypeNames', true).map((value) =>
    oneOf('progTypeNames', value, ALL_PROG_TYPES).toUpperCase(),
  );
  const acquisitionDate = single(query, 'acquisitionDate', (text) =>
    parseInterval('acquisitionDate', text, dateBound),
  );
  const endOfPeriod = single(query, 'icrEndOfPeriodDate', (text) =>
    parseInterval('icrEndOfPeriodDate', text, dateBound),
  );
  const compare = sortOf(single(query, 'sortKeys', (text) => text));
  return {
    matches: (tasking) =>
      (customerRefs.length === 0 || customerRefs.includes(tasking.customerRef)) &&
      (taskingIds.length === 0 || taskingIds.includes(tasking.id)) &&
      (statuses.length === 0 || statuses.includes(tasking.status)) &&
      (hasProposed === undefined ||
        tasking.segments.some((segment) => segment.status === 'Proposed') === (hasProposed === 'true')) &&
      (missions.length === 0 || missions.includes(tasking.mission as WireMission)) &&
      (offers.length === 0 || offers.includes(tasking.progTypeLabel.toUpperCase())) &&
      inInterval(acquisitionDate, tasking.period.startDate) &&
      inInterval(endOfPeriod, tasking.period.endDate),
    compare,
    count: positiveIntegerParameter(query, 'count', 10, MAX_PAGE_SIZE),
    startPage: positiveIntegerParameter(query, 'startPage', 1, Number.MAX_SAFE_INTEGER),
  };
}

function inInterval(interval: Interval | undefined, date: string): boolean {
  return interval === undefined || intervalContains(interval, Date.parse(date));
}

/** The value as the upstream spells it, matched case-insensitively; 400 for anything else. */
function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const known = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
  if (known === undefined) {
    throw badRequest(`Unknown ${name} '${value}' (expected ${allowed.join(', ')}).`, 'INVALID_PARAMETER');
  }
  return known;
}

/** A parameter that takes one value: given twice, the upstream could not know which one was meant. */
function single<T>(query: Request['query'], name: string, read: (value: string) => T): T | undefined {
  const values = queryValues(query, name);
  if (values.length > 1) throw badRequest(`${name} takes one value.`, 'INVALID_PARAMETER');
  const [value] = values;
  return value === undefined ? undefined : read(value);
}

/**
 * SRU `sortKeys`: space-separated `key,schema,ascending` (ascending 1 or 0, default 1). Without it,
 * newest first, as a customer's order list reads. Ties go to the newer tasking.
 */
function sortOf(sortKeys: string | undefined): (a: TaskingRecord, b: TaskingRecord) => number {
  const newestFirst = (a: TaskingRecord, b: TaskingRecord) =>
    b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
  if (sortKeys === undefined) return newestFirst;
  const keys = sortKeys.split(' ').map((sortKey) => {
    const [key = '', schema = '', ascending = '1', ...rest] = sortKey.split(',');
    const value = SORT_VALUES[key];
    if (value === undefined || schema !== '' || !['0', '1'].includes(ascending) || rest.length > 0) {
      throw badRequest(
        `sortKeys must be 'key,,1' or 'key,,0' with key one of ${Object.keys(SORT_VALUES).join(', ')}, got '${sortKey}'.`,
        'INVALID_PARAMETER',
      );
    }
    const sign = ascending === '1' ? 1 : -1;
    return (a: TaskingRecord, b: TaskingRecord) => sign * value(a).localeCompare(value(b));
  });
  return (a, b) => keys.reduce((order, key) => order || key(a, b), 0) || newestFirst(a, b);
}
