/**
 * The path segments of the OneAtlas routes the gateway calls (order, Neo and search APIs). Any other
 * segment is an id, a customer's reference or anything a client chose, and must never become a
 * metric label or span name: it is replaced by `{id}`. A route added without its words here shows
 * as `{id}` segments, which is bounded and still tells the route apart by its shape.
 */
const ROUTE_WORDS: ReadonlySet<string> = new Set([
  'accept',
  'attempts',
  'cancel',
  'contracts',
  'coverages',
  'deliveryTypes',
  'feasibility',
  'me',
  'opensearch',
  'options',
  'orders',
  'prices',
  'productTypes',
  'properties',
  'quotations',
  'refuse',
  'search',
  'segments',
  'stop',
  'taskings',
]);

/** `/contracts/CTR1/taskings/abc` → `/contracts/{id}/taskings/{id}`. */
export function routeTemplate(path: string): string {
  let template = '';
  let start = 1;
  while (start <= path.length) {
    let end = path.indexOf('/', start);
    if (end === -1) end = path.length;
    const segment = path.slice(start, end);
    template += ROUTE_WORDS.has(segment) ? `/${segment}` : '/{id}';
    start = end + 1;
  }
  return template === '' ? '/' : template;
}
