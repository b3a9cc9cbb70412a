/** The search API's opensearch (guide step 7): delivered acquisitions of a workspace, newest first. */
import { Router } from 'express';
import type { WireOpenSearchResponse } from '../datasources/oneatlas/wire/types.js';
import { isRecord, positiveIntegerParameter, queryValues } from './request-parsing.js';
import type { StateStore } from './store.js';
import { badRequest } from './upstream-error.js';

const DEFAULT_ITEMS_PER_PAGE = 20;
const MAX_ITEMS_PER_PAGE = 500;

export function searchApiRouter(store: StateStore): Router {
  const router = Router();
  // The guide GETs with a query string; the notes describe a POST with the same criteria in the body.
  router.all('/opensearch', (req, res) => {
    if (req.method !== 'GET' && req.method !== 'POST')
      throw badRequest(`${req.method} is not supported here.`);
    const criteria = { ...(isRecord(req.body) ? req.body : {}), ...req.query };
    const [workspaceId] = [...queryValues(criteria, 'workspaceid'), ...queryValues(criteria, 'workspace')];
    if (workspaceId === undefined) throw badRequest('workspaceid is required.', 'INVALID_PARAMETER');
    const itemsPerPage = positiveIntegerParameter(
      criteria,
      'itemsPerPage',
      DEFAULT_ITEMS_PER_PAGE,
      MAX_ITEMS_PER_PAGE,
    );
    const startPage = positiveIntegerParameter(criteria, 'startPage', 1, Number.MAX_SAFE_INTEGER);
    const body = store.view((state): WireOpenSearchResponse => {
      if (!state.contracts.some((contract) => contract.workspaceId === workspaceId)) {
        throw badRequest(`Unable to access workspace '${workspaceId}'.`, 'E2203');
      }
      const features = state.features
        .filter((delivered) => delivered.workspaceId === workspaceId)
        .map((delivered) => delivered.feature)
        .sort((a, b) => b.properties.acquisitionDate.localeCompare(a.properties.acquisitionDate));
      const startIndex = (startPage - 1) * itemsPerPage;
      return {
        type: 'FeatureCollection',
        totalResults: features.length,
        startIndex,
        itemsPerPage,
        features: features.slice(startIndex, startIndex + itemsPerPage),
      };
    });
    res.json(body);
  });
  return router;
}
