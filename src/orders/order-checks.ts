/**
 * The checks of an order that need more than its input — the contract's catalogue, the pass in its
 * segmentKey — run before it is priced, journaled, quoted or sent. Each records what it finds in the
 * draft's problems, beside those the input's own checks found, and the order is refused once with all
 * of them (BAD_USER_INPUT, `extensions.problems`). A check skips a field another check already found
 * wrong: judging a broken value would only add a confusing second problem.
 */
import type { DataApi } from '../datasources/oneatlas/data-api.js';
import type { OrderApi } from '../datasources/oneatlas/order-api.js';
import { segmentKeyFootprint } from '../datasources/oneatlas/wire/segment-key.mapping.js';
import { workspaceOfContract } from '../domain/catalogue.js';
import { DeliveryMethod } from '../domain/enums.js';
import { cornersWithin } from '../domain/geo.js';
import { endedWindowProblem } from '../domain/input-problems.js';
import { aoisOf, type OrderDraft, type OrderRequest } from '../domain/order.js';
import { findOptionProblems } from '../domain/production-options.js';
import { ErrorCode, GatewayError, optionProblemsOf, refuseIfAny } from '../errors.js';
import type { Logger } from '../logger.js';

/** Values named in a refusal (product types a contract offers, its markets): the whole list, bounded. */
const MAX_OFFERED_NAMED = 20;

export interface OrderCheckOptions {
  /** Check the product type against the contract's list first (Neo: its ordering ids differ from tracking's). */
  productType: boolean;
  /** The clock the pass's order deadline and the windows' ends are judged by (the upstream's, where the gateway follows one). */
  now: number;
  /**
   * Whether a market must be named: on an order or a quotation (notes §2.1: "A market is
   * mandatory"), not on a price, which the guide's own SpotTaskingOnePlan sample asks without one.
   */
  marketRequired: boolean;
}

/** Every check before the upstream; throws BAD_USER_INPUT with all the draft's problems, if any. */
export async function checkBeforeSending(
  orderApi: OrderApi,
  draft: OrderDraft,
  logger: Logger,
  { productType, now, marketRequired }: OrderCheckOptions,
): Promise<void> {
  const { request, problems } = draft;
  if (request.orderDeadline !== undefined && request.orderDeadline.getTime() <= now) {
    problems.add({
      field: 'input.orderDeadline',
      message: `has passed (${request.orderDeadline.toISOString()}): this pass can no longer be ordered; ask \`attempts\` for another`,
    });
  }
  checkWindowsNotEnded(draft, now);
  if (productType && !problems.has('input.productTypeId')) {
    await checkProductType(orderApi, draft, logger);
  }
  checkSegmentBinding(draft);
  await checkMarkets(orderApi, draft, logger, marketRequired);
  // The rules are read for the product and the AOIs (per-AOI options end with their ids).
  const unjudgeable = problems.list.some(({ field }) =>
    /^input\.(productTypeId|options|aoi|aois)(\[\d+\](\.(key|value|id))?)?$/.test(field),
  );
  if (!unjudgeable) {
    await checkProductionOptions(orderApi, draft, logger);
  }
  refuseIfAny(problems);
}

/**
 * The acquisition period (`window`) and OneNow's passes (`acquisitionPeriods`) must end in the future:
 * the upstream would price and place an order whose window has ended, which nothing can acquire.
 */
function checkWindowsNotEnded({ request, problems }: OrderDraft, now: number): void {
  const windows = [
    ...(request.window === null || problems.has('input.window')
      ? []
      : [['input.window', request.window] as const]),
    ...(problems.has('input.acquisitionPeriods') ? [] : (request.acquisitionPeriods ?? [])).map(
      (period, index) => [`input.acquisitionPeriods[${index}]`, period] as const,
    ),
  ];
  for (const [field, window] of windows) {
    const ended = endedWindowProblem(field, window.end, now);
    if (ended !== undefined) problems.add(ended);
  }
}

/**
 * The draft with where and how its imagery is delivered (its workspace and delivery type), resolved
 * from the contract. It runs first, so that what is fingerprinted, journaled and priced is
 * what is sent.
 */
export async function withDelivery(
  orderApi: OrderApi,
  dataApi: DataApi,
  draft: OrderDraft,
): Promise<OrderDraft> {
  return withDeliveryType(orderApi, await withDeliveryWorkspace(orderApi, dataApi, draft));
}

/**
 * The draft with the workspace its imagery is delivered to: the contract's own (a Neo contract's
 * `delivery`, a SPOT/Pléiades contract's from `/me` when it is the API key's contract), or the
 * client's when it is that one; never another contract's. A client's workspace that is not the
 * contract's is a problem of the draft. When the contract's workspace is unknown (a contract `/me`
 * does not describe), the client's goes as given, for the upstream to judge, and none goes without
 * one. Both reads go through the catalogue cache; when one fails, so does the order: sending it to a
 * guessed workspace could deliver paid imagery where nobody looks.
 */
async function withDeliveryWorkspace(
  orderApi: OrderApi,
  dataApi: DataApi,
  draft: OrderDraft,
): Promise<OrderDraft> {
  const { request, problems } = draft;
  const contract = (await orderApi.contracts()).find((candidate) => candidate.id === request.contractId);
  // A contract the credential does not list: the upstream refuses it, whatever the workspace.
  if (contract === undefined || problems.has('input.workspaceId')) return draft;
  const own = workspaceOfContract(contract, contract.workspaceId === null ? await dataApi.me() : null);
  if (request.workspaceId === null) return { request: { ...request, workspaceId: own }, problems };
  if (own !== null && request.workspaceId !== own) {
    problems.add({
      field: 'input.workspaceId',
      message: `is not the workspace of contract ${contract.id}, which delivers to ${own}; leave workspaceId out to use it`,
      allowedValues: [own],
    });
  }
  return draft;
}

/**
 * A chosen delivery method goes as the `deliveryTypeId` the contract lists for it (`network`,
 * `MEDIA`), read like `Contract.deliveryTypes` through the catalogue cache; a method the contract does
 * not offer is a problem of the draft. A method names a type only when the contract lists exactly one
 * of it (OTHER may stand for several). Unlike the catalogue checks, a failed read fails the order: the
 * upstream id is read, never guessed. Without a choice, nothing is read and network delivery applies.
 */
async function withDeliveryType(orderApi: OrderApi, draft: OrderDraft): Promise<OrderDraft> {
  const { request, problems } = draft;
  const method = request.deliveryMethod;
  if (method === undefined) return draft;
  const offered = await orderApi.deliveryTypes(request.contractId);
  const choosable = Object.values(DeliveryMethod).filter(
    (candidate) => offered.filter((type) => type.method === candidate).length === 1,
  );
  const chosen = offered.find((type) => type.method === method);
  if (chosen === undefined || !choosable.includes(method)) {
    problems.add({
      field: 'input.deliveryMethod',
      message: `${method} is not a delivery method of contract ${request.contractId}: one of ${choosable.join(', ') || 'none'} (see Contract.deliveryTypes)`,
      allowedValues: choosable,
    });
    return draft;
  }
  return { request: { ...request, deliveryTypeId: chosen.id }, problems };
}

/**
 * A segmentKey belongs to the pass over the AOI it was computed for; the upstream prices and orders
 * the pass, so a key used with another AOI orders something else than the client sees. Where the key
 * carries its footprint (the guide's shape), an AOI reaching outside it is refused. A smaller AOI
 * inside the footprint cannot be told apart here: the upstream (and the simulator) judge that binding.
 */
function checkSegmentBinding({ request, problems }: OrderDraft): void {
  aoisOf(request).forEach((aoi, index) => {
    // Each AOI's item has its own pass: `input.aois[1].segmentKey`, or the order's with one AOI.
    const field = request.aois === undefined ? 'input.segmentKey' : `input.aois[${index}].segmentKey`;
    if (aoi.segmentKey === null || problems.has(field)) return;
    const footprint = segmentKeyFootprint(aoi.segmentKey);
    if (footprint !== null && !cornersWithin(aoi.geometry, footprint)) {
      problems.add({
        field,
        message:
          "was computed for another AOI: the AOI reaches outside the pass's footprint; ask `attempts` for this AOI and use one of its segmentKeys",
      });
    }
  });
}

/**
 * OneAtlas wants a market on every order (notes §2.1: "A market is mandatory (`primaryMarket`)"):
 * one of the contract's markets, read like `Contract.markets` through the catalogue cache, and a
 * `secondaryMarket`, when given, one of that market's. A missing market is refused when `required`,
 * even when the markets cannot be read (then without the list); an unknown one only when they can.
 */
async function checkMarkets(
  orderApi: OrderApi,
  draft: OrderDraft,
  logger: Logger,
  required: boolean,
): Promise<void> {
  const { request, problems } = draft;
  if (problems.has('input.primaryMarket') || (request.primaryMarket === null && !required)) return;
  const markets = await readCatalogue(() => orderApi.markets(request.contractId), request, logger);
  const ids = (markets ?? []).slice(0, MAX_OFFERED_NAMED).map((market) => market.id);
  const offered = markets === undefined ? '' : `: one of ${ids.join(', ') || 'none'} (see Contract.markets)`;
  if (request.primaryMarket === null) {
    problems.add({
      field: 'input.primaryMarket',
      message: `is required: OneAtlas wants a market on every order${offered}`,
      ...(markets === undefined ? {} : { allowedValues: ids }),
    });
    return;
  }
  if (markets === undefined) return;
  const market = markets.find((candidate) => candidate.id === request.primaryMarket);
  if (market === undefined) {
    problems.add({
      field: 'input.primaryMarket',
      message: `${request.primaryMarket} is not a market of contract ${request.contractId}${offered}`,
      allowedValues: ids,
    });
    return;
  }
  const secondary = request.secondaryMarket;
  if (secondary === null || problems.has('input.secondaryMarket')) return;
  const secondaryIds = market.secondaryMarkets.slice(0, MAX_OFFERED_NAMED).map((entry) => entry.id);
  if (!secondaryIds.includes(secondary)) {
    problems.add({
      field: 'input.secondaryMarket',
      message: `${secondary} is not a secondary market of ${market.id}, which has ${secondaryIds.join(', ') || 'none'}`,
      allowedValues: secondaryIds,
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
        aois: aoisOf(request),
      }),
    request,
    logger,
  );
  if (rules === undefined) return;
  const found = findOptionProblems(rules, request.options, {
    productTypeId: request.productTypeId,
    aoiIds: aoisOf(request).map((aoi) => aoi.id),
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
