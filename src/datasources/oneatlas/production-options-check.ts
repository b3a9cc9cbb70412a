import type { ProductionOption } from '../../domain/catalogue.js';
import type { OrderRequest } from '../../domain/order.js';
import { findOptionProblems } from '../../domain/production-options.js';
import { ErrorCode, GatewayError, optionsRefused } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { OrderApi } from './order-api.js';
import { AOI_ID } from './wire/order.mapping.js';

/**
 * Checks an order's production options against the product's published rules before it is priced,
 * journaled or sent, so that the client learns which option is wrong and why (the upstream's own 400
 * says only INVALID_OPTION), every wrong option at once. The rules are read like the `productionOptions` query, through the
 * catalogue cache. When they cannot be read, the order goes ahead unchecked: the upstream still judges
 * it, and a failing options endpoint must not stop pricing and ordering.
 */
export async function checkProductionOptions(
  orderApi: OrderApi,
  order: OrderRequest,
  logger: Logger,
): Promise<void> {
  let rules: ProductionOption[];
  try {
    rules = await orderApi.productionOptions({
      contractId: order.contractId,
      productTypeId: order.productTypeId,
      aoi: order.aoi,
    });
  } catch (error) {
    // A bug must surface, and so must an identifier unfit for a URL path (the client's mistake, which
    // no upstream answer would change); any other failure is the read failing.
    if (!(error instanceof GatewayError) || error.code === ErrorCode.BAD_USER_INPUT) throw error;
    logger.warn(
      { productTypeId: order.productTypeId, code: error.code, upstreamCode: error.extensions.upstreamCode },
      'production options unreadable: the order options go upstream unchecked',
    );
    return;
  }
  const problems = findOptionProblems(rules, order.options, {
    productTypeId: order.productTypeId,
    aoiId: AOI_ID,
  });
  if (problems.length > 0) throw optionsRefused('input.options', problems);
}
