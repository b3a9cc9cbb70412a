import DataLoader from 'dataloader';
import type { Contract } from '../domain/catalogue.js';
import type { BackendSource, CoverageItem, NeoOrderItem } from '../domain/neo.js';
import { ErrorCode, GatewayError } from '../errors.js';
import { Loaders } from './loaders.js';
import type { NeoApi } from './oneatlas/neo-api.js';
import type { OrderApi } from './oneatlas/order-api.js';

export interface OrderItemRef {
  contractId: string;
  orderItemId: string;
}

const refKey = (ref: OrderItemRef): string => `${ref.contractId}/${ref.orderItemId}`;

/** Order items named in one coverage search; the `q` stays short and one answer page holds them. */
const ORDER_ITEMS_PER_COVERAGE_CALL = 50;

/** Order items asked for by id in one order search (one answer page, the simulator's and the guide's largest). */
const ORDER_ITEMS_PER_SEARCH_CALL = 100;

/**
 * Everything one request loads: the legacy loaders, and Pléiades Neo's. The coverage items of every
 * order item a request shows are read in one coverage search per contract (the search takes an OR of
 * order item ids), like segments per tasking; order items asked for by id (federation references) in
 * one order search per contract. And the back-end check every Neo-only or legacy-only field makes
 * before its first upstream call, answered from the request's contract list (itself read through the
 * catalogue cache). Like the legacy ones, each loader is built on first use.
 */
export class RequestLoaders extends Loaders {
  private coverageLoader: DataLoader<OrderItemRef, CoverageItem[], string> | undefined;
  private orderItemLoader: DataLoader<OrderItemRef, NeoOrderItem | null, string> | undefined;

  constructor(
    orderApi: OrderApi,
    private readonly neoApi: NeoApi,
  ) {
    super(orderApi);
  }

  get coverageItemsByOrderItem(): DataLoader<OrderItemRef, CoverageItem[], string> {
    this.coverageLoader ??= new DataLoader<OrderItemRef, CoverageItem[], string>(
      async (refs) => {
        const found = await byContract(refs, async (contractId, orderItemIds) => {
          const lists = await this.neoApi.coverageItems(contractId, orderItemIds);
          return new Map(orderItemIds.map((orderItemId, index) => [orderItemId, lists[index] ?? []]));
        });
        return refs.map((ref) => found.get(refKey(ref)) ?? []);
      },
      { cacheKeyFn: refKey, maxBatchSize: ORDER_ITEMS_PER_COVERAGE_CALL },
    );
    return this.coverageLoader;
  }

  get orderItemById(): DataLoader<OrderItemRef, NeoOrderItem | null, string> {
    this.orderItemLoader ??= new DataLoader<OrderItemRef, NeoOrderItem | null, string>(
      async (refs) => {
        const found = await byContract(refs, async (contractId, orderItemIds) => {
          const page = await this.neoApi.orderItems(
            contractId,
            { customerReference: null, orderItemIds, quotationId: null, statuses: [] },
            { offset: 0, limit: orderItemIds.length },
          );
          return new Map(page.items.map((item) => [item.id, item]));
        });
        return refs.map((ref) => found.get(refKey(ref)) ?? null);
      },
      { cacheKeyFn: refKey, maxBatchSize: ORDER_ITEMS_PER_SEARCH_CALL },
    );
    return this.orderItemLoader;
  }

  /**
   * The contract, when the back end `operation` needs serves it. Else BAD_USER_INPUT naming the
   * contract's back end (`extensions.backendSource`), or NOT_FOUND for a contract the credential does
   * not have: either way nothing else is sent upstream.
   */
  async requireBackend(contractId: string, backend: BackendSource, operation: string): Promise<Contract> {
    const contract = await this.knownContract(contractId);
    if (contract.backendSource !== backend) throw wrongBackend(contract, backend, operation);
    return contract;
  }

  /** The contract, for a field that serves both back ends; NOT_FOUND as in `requireBackend`. */
  async knownContract(contractId: string): Promise<Contract> {
    const contract = await this.contractById.load(contractId);
    if (contract === null) {
      throw new GatewayError(ErrorCode.NOT_FOUND, `CIS contract '${contractId}' was not found.`);
    }
    return contract;
  }
}

function wrongBackend(contract: Contract, backend: BackendSource, operation: string): GatewayError {
  return new GatewayError(
    ErrorCode.BAD_USER_INPUT,
    `contractId: contract ${contract.id} is on the ${contract.backendSource} back end; ${operation} serves ${backend} contracts only`,
    { field: 'contractId', backendSource: contract.backendSource },
  );
}

/**
 * Runs `load` once per contract with the distinct order item ids asked of it, and keys what each
 * found by ref; a failed contract fails its own refs only.
 */
async function byContract<T>(
  refs: readonly OrderItemRef[],
  load: (contractId: string, orderItemIds: string[]) => Promise<Map<string, T>>,
): Promise<Map<string, T | Error>> {
  const idsByContract = new Map<string, Set<string>>();
  for (const ref of refs) {
    const ids = idsByContract.get(ref.contractId) ?? new Set<string>();
    ids.add(ref.orderItemId);
    idsByContract.set(ref.contractId, ids);
  }
  const found = new Map<string, T | Error>();
  await Promise.all(
    [...idsByContract].map(async ([contractId, ids]) => {
      const orderItemIds = [...ids];
      try {
        const answers = await load(contractId, orderItemIds);
        for (const [orderItemId, answer] of answers) found.set(refKey({ contractId, orderItemId }), answer);
      } catch (error) {
        for (const orderItemId of orderItemIds)
          found.set(refKey({ contractId, orderItemId }), error as Error);
      }
    }),
  );
  return found;
}
