import type { OrderRequest } from '../../domain/order.js';
import { findOptionProblems } from '../../domain/production-options.js';
import { badUserInput, ErrorCode, GatewayError, optionsRefused } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { OrderApi } from './order-api.js';
import { AOI_ID } from './wire/order.mapping.js';

/** Product types named in the refusal of one that a contract does not offer: its whole list, bounded. */
const MAX_OFFERED_NAMED = 20;

/**
 * Checks an order's production options against the product's published rules before it is priced,
 * journaled or sent, so that the client learns which option is wrong and why (the upstream's own 400
 * says only INVALID_OPTION), every wrong option at once. The rules are read like the
 * `productionOptions` query, through the catalogue cache. When they cannot be read, the order goes
 * ahead unchecked: the upstream still judges it, and a failing options endpoint must not stop
 * pricing and ordering.
 */
export async function checkProductionOptions(
  orderApi: OrderApi,
  order: OrderRequest,
  logger: Logger,
): Promise<void> {
  const rules = await readCatalogue(
    () =>
      orderApi.productionOptions({
        contractId: order.contractId,
        productTypeId: order.productTypeId,
        aoi: order.aoi,
      }),
    order,
    logger,
  );
  if (rules === undefined) return;
  const problems = findOptionProblems(rules, order.options, {
    productTypeId: order.productTypeId,
    aoiId: AOI_ID,
  });
  if (problems.length > 0) throw optionsRefused('input.options', problems);
}

/**
 * Product type ids are read from the contract at run time, never hard-coded: Neo's ordering ids
 * differ from the ids its tracking shows (`NeoOrderItem.productType`), and a contract offers its own
 * back end's products only. So a quotation for a product the contract does not offer is refused
 * before its options are read or anything is quoted, naming the ids it offers. When the list cannot
 * be read, the upstream judges the order.
 */
export async function checkProductType(
  orderApi: OrderApi,
  order: OrderRequest,
  logger: Logger,
): Promise<void> {
  const offered = await readCatalogue(() => orderApi.productTypes(order.contractId), order, logger);
  if (offered === undefined || offered.some((productType) => productType.id === order.productTypeId)) return;
  const ids = offered.slice(0, MAX_OFFERED_NAMED).map((productType) => productType.id);
  throw badUserInput(
    'input.productTypeId',
    `${order.productTypeId} is not a product type of contract ${order.contractId}, which offers ${ids.join(', ') || 'none'} (see productTypes)`,
  );
}

async function readCatalogue<T>(
  read: () => Promise<T>,
  order: OrderRequest,
  logger: Logger,
): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    // A bug must surface, and so must an identifier unfit for a URL path (the client's mistake, which
    // no upstream answer would change); any other failure is the read failing.
    if (!(error instanceof GatewayError) || error.code === ErrorCode.BAD_USER_INPUT) throw error;
    logger.warn(
      { productTypeId: order.productTypeId, code: error.code, upstreamCode: error.extensions.upstreamCode },
      'catalogue unreadable: the order goes upstream unchecked against it',
    );
    return undefined;
  }
}
