/**
 * The checks of an order that need more than its input — the contract's catalogue, the pass in its
 * segmentKey — run before it is priced, journaled, quoted or sent. Each records what it finds in the
 * draft's problems, beside those the input's own checks found, and the order is refused once with all
 * of them (BAD_USER_INPUT, `extensions.problems`). A check skips a field another check already found
 * wrong: judging a broken value would only add a confusing second problem.
 */
import type { OrderApi } from '../datasources/oneatlas/order-api.js';
import { AOI_ID } from '../datasources/oneatlas/wire/order.mapping.js';
import { segmentKeyFootprint } from '../datasources/oneatlas/wire/segment-key.mapping.js';
import { cornersWithin } from '../domain/geo.js';
import type { OrderDraft, OrderRequest } from '../domain/order.js';
import { findOptionProblems } from '../domain/production-options.js';
import { ErrorCode, GatewayError, optionProblemsOf, refuseIfAny } from '../errors.js';
import type { Logger } from '../logger.js';

/** Product types named in the refusal of one that a contract does not offer: its whole list, bounded. */
const MAX_OFFERED_NAMED = 20;

export interface OrderCheckOptions {
  /** Check the product type against the contract's list first (Neo: its ordering ids differ from tracking's). */
  productType: boolean;
}

/** Every check before the upstream; throws BAD_USER_INPUT with all the draft's problems, if any. */
export async function checkBeforeSending(
  orderApi: OrderApi,
  draft: OrderDraft,
  logger: Logger,
  { productType }: OrderCheckOptions,
): Promise<void> {
  const { problems } = draft;
  if (productType && !problems.has('input.productTypeId')) {
    await checkProductType(orderApi, draft, logger);
  }
  checkSegmentBinding(draft);
  if (!problems.has('input.productTypeId') && !problems.has('input.options')) {
    await checkProductionOptions(orderApi, draft, logger);
  }
  refuseIfAny(problems);
}

/**
 * A segmentKey belongs to the pass over the AOI it was computed for; the upstream prices and orders
 * the pass, so a key used with another AOI orders something else than the client sees. Where the key
 * carries its footprint (the guide's shape), an AOI reaching outside it is refused. A smaller AOI
 * inside the footprint cannot be told apart here: the upstream (and the simulator) judge that binding.
 */
function checkSegmentBinding({ request, problems }: OrderDraft): void {
  if (request.segmentKey === null || problems.has('input.segmentKey')) return;
  const footprint = segmentKeyFootprint(request.segmentKey);
  if (footprint !== null && !cornersWithin(request.aoi, footprint)) {
    problems.add({
      field: 'input.segmentKey',
      message:
        "was computed for another AOI: the AOI reaches outside the pass's footprint; ask `attempts` for this AOI and use one of its segmentKeys",
    });
  }
}

/**
 * The production options against the product's published rules, so that the client learns which
 * option is wrong and why (the upstream's own 400 says only INVALID_OPTION), every wrong option at
 * once. The rules are read like the `productionOptions` query, through the catalogue cache. When they
 * cannot be read, the order goes ahead unchecked: the upstream still judges it, and a failing options
 * endpoint must not stop pricing and ordering.
 */
async function checkProductionOptions(orderApi: OrderApi, draft: OrderDraft, logger: Logger): Promise<void> {
  const { request, problems } = draft;
  const rules = await readCatalogue(
    () =>
      orderApi.productionOptions({
        contractId: request.contractId,
        productTypeId: request.productTypeId,
        aoi: request.aoi,
      }),
    request,
    logger,
  );
  if (rules === undefined) return;
  const found = findOptionProblems(rules, request.options, {
    productTypeId: request.productTypeId,
    aoiId: AOI_ID,
  });
  for (const problem of optionProblemsOf('input.options', found)) problems.add(problem);
}

/**
 * Product type ids are read from the contract at run time, never hard-coded: Neo's ordering ids
 * differ from the ids its tracking shows (`NeoOrderItem.productType`), and a contract offers its own
 * back end's products only. So a product the contract does not offer is refused naming the ids it
 * offers, before its options are read. When the list cannot be read, the upstream judges the order.
 */
async function checkProductType(orderApi: OrderApi, draft: OrderDraft, logger: Logger): Promise<void> {
  const { request, problems } = draft;
  const offered = await readCatalogue(() => orderApi.productTypes(request.contractId), request, logger);
  if (offered === undefined || offered.some((productType) => productType.id === request.productTypeId))
    return;
  const ids = offered.slice(0, MAX_OFFERED_NAMED).map((productType) => productType.id);
  problems.add({
    field: 'input.productTypeId',
    message: `${request.productTypeId} is not a product type of contract ${request.contractId}, which offers ${ids.join(', ') || 'none'} (see productTypes)`,
    allowedValues: ids,
  });
}

async function readCatalogue<T>(
  read: () => Promise<T>,
  request: OrderRequest,
  logger: Logger,
): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    // A bug must surface, and so must an identifier unfit for a URL path (the client's mistake, which
    // no upstream answer would change); any other failure is the read failing.
    if (!(error instanceof GatewayError) || error.code === ErrorCode.BAD_USER_INPUT) throw error;
    logger.warn(
      { productTypeId: request.productTypeId, code: error.code, upstreamCode: error.extensions.upstreamCode },
      'catalogue unreadable: the order goes upstream unchecked against it',
    );
    return undefined;
  }
}
