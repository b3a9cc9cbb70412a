/**
 * The search API's opensearch (guide step 7): delivered acquisitions of a workspace, newest first,
 * with the criteria the notes list (§2.4) and the search guide writes (`"cloudCover": "[0,30]"`,
 * `"relation": "intersects"` with a WKT `geometry`). A criterion it does not understand is a 400.
 * Each feature links to its quicklook and download on the access host, as Airbus' features do.
 */
import { Router } from 'express';
import type { WireImageFeature, WireOpenSearchResponse } from '../datasources/oneatlas/wire/types.js';
import { parseWktPolygon, polygonsIntersect } from './geometry.js';
import { dateBound, type Interval, intervalContains, numberBound, parseInterval } from './intervals.js';
import { isRecord, positiveIntegerParameter, queryValues } from './request-parsing.js';
import type { StateStore } from './store.js';
import { badRequest } from './upstream-error.js';

const DEFAULT_ITEMS_PER_PAGE = 20;
const MAX_ITEMS_PER_PAGE = 500;

/** Airbus' access host serves /api/v1 like the order host: here it lives under a prefix of its own. */
export const ACCESS_API_BASE = '/access';

const KNOWN_CRITERIA: ReadonlySet<string> = new Set([
  'workspaceid',
  'workspace',
  'itemsPerPage',
  'startPage',
  'id',
  'acquisitionDate',
  'cloudCover',
  'incidenceAngle',
  'lastUpdateDate',
  'geometry',
  'relation',
]);

type Criteria = Record<string, unknown>;

/** What a feature must satisfy, from the criteria; 400 for any it cannot read. */
function featureFilter(criteria: Criteria): (feature: WireImageFeature) => boolean {
  for (const name of Object.keys(criteria)) {
    if (!KNOWN_CRITERIA.has(name))
      throw badRequest(`Unknown search criterion '${name}'.`, 'INVALID_PARAMETER');
  }
  const interval = (name: string, bound: (value: string) => number | undefined): Interval | undefined => {
    const [text, ...more] = queryValues(criteria, name);
    if (more.length > 0) throw badRequest(`${name} takes one value.`, 'INVALID_PARAMETER');
    return text === undefined ? undefined : parseInterval(name, text, bound);
  };
  const ids = queryValues(criteria, 'id', true);
  const acquired = interval('acquisitionDate', dateBound);
  const cloudCover = interval('cloudCover', numberBound);
  const incidence = interval('incidenceAngle', numberBound);
  const updated = interval('lastUpdateDate', dateBound);
  const [wkt] = queryValues(criteria, 'geometry');
  const area = wkt === undefined ? undefined : parseWktPolygon(wkt, 'geometry');
  const [relation = 'intersects'] = queryValues(criteria, 'relation');
  if (relation !== 'intersects') {
    throw badRequest(`relation '${relation}' is not supported here (only intersects).`, 'INVALID_PARAMETER');
  }
  const within = (range: Interval | undefined, value: number | undefined) =>
    range === undefined || (value !== undefined && intervalContains(range, value));
  const dateOf = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : undefined);
  return ({ properties, geometry }) =>
    (ids.length === 0 || ids.includes(properties.id)) &&
    within(acquired, dateOf(properties.acquisitionDate)) &&
    within(cloudCover, properties.cloudCover) &&
    within(incidence, properties.incidenceAngle) &&
    // An image's last update is its publication in the workspace: the simulator changes nothing after.
    within(updated, dateOf(properties.publicationDate)) &&
    (area === undefined || polygonsIntersect(geometry, area));
}

/** The feature with its `_links`, on this server's own access host. */
function withLinks(feature: WireImageFeature, origin: string): WireImageFeature {
  const item = `${origin}${ACCESS_API_BASE}/api/v1/items/${encodeURIComponent(feature.properties.id)}`;
  return {
    ...feature,
    _links: {
      quicklook: { href: `${item}/quicklook`, type: 'image/png' },
      download: { href: `${item}/download`, type: 'application/octet-stream' },
    },
  };
}

export function searchApiRouter(store: StateStore): Router {
  const router = Router();
  // The guide GETs with a query string; the notes describe a POST with the same criteria in the body.
  router.all('/opensearch', (req, res) => {
    if (req.method !== 'GET' && req.method !== 'POST')
      throw badRequest(`${req.method} is not supported here.`);
    const criteria: Criteria = { ...(isRecord(req.body) ? req.body : {}), ...req.query };
    const [workspaceId] = [...queryValues(criteria, 'workspaceid'), ...queryValues(criteria, 'workspace')];
    if (workspaceId === undefined) throw badRequest('workspaceid is required.', 'INVALID_PARAMETER');
    const itemsPerPage = positiveIntegerParameter(
      criteria,
      'itemsPerPage',
      DEFAULT_ITEMS_PER_PAGE,
      MAX_ITEMS_PER_PAGE,
    );
    const startPage = positiveIntegerParameter(criteria, 'startPage', 1, Number.MAX_SAFE_INTEGER);
    const matches = featureFilter(criteria);
    const origin = `${req.protocol}://${req.get('host')}`;
    const body = store.view((state): WireOpenSearchResponse => {
      if (!state.contracts.some((contract) => contract.workspaceId === workspaceId)) {
        throw badRequest(`Unable to access workspace '${workspaceId}'.`, 'E2203');
      }
      const features = state.features
        .filter((delivered) => delivered.workspaceId === workspaceId && matches(delivered.feature))
        .map((delivered) => delivered.feature)
        .sort((a, b) => b.properties.acquisitionDate.localeCompare(a.properties.acquisitionDate));
      const startIndex = (startPage - 1) * itemsPerPage;
      return {
        type: 'FeatureCollection',
        totalResults: features.length,
        startIndex,
        itemsPerPage,
        features: features
          .slice(startIndex, startIndex + itemsPerPage)
          .map((feature) => withLinks(feature, origin)),
      };
    });
    res.json(body);
  });
  return router;
}
