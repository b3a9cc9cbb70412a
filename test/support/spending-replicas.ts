import type { RunningSimulator } from '../../src/simulator/index.js';
import {
  createSigner,
  postAs,
  type Spending,
  startTwoAccountSimulator,
  twoTenantsSpending,
} from './callers.js';
import { startTestGateway, type TestGateway } from './gateway.js';
import { inJournal, type JournalPlace, postgresJournals } from './journal-stores.js';

/**
 * Two gateways (replicas) sharing one PostgreSQL journal, in front of a two-account simulator, with
 * one tenant's spending guard set: what a race between replicas over the same money needs.
 */
export interface SpendingReplicas {
  simulator: RunningSimulator;
  /** POSTs as the tenant (roles `read` and `order`) to replica `index % 2`, so indices alternate. */
  post<TData>(
    index: number,
    query: string,
    variables: Record<string, unknown>,
  ): ReturnType<typeof postAs<TData>>;
  /** Stops both replicas and the simulator and drops the journal's schema. */
  close(): Promise<void>;
}

export async function startSpendingReplicas(
  tenantId: 'alpha' | 'beta',
  spending: Spending,
): Promise<SpendingReplicas> {
  const signer = await createSigner();
  const simulator = await startTwoAccountSimulator();
  const replicas: TestGateway[] = [];
  let place: JournalPlace | undefined;
  const close = async () => {
    for (const replica of replicas) await replica.close();
    await simulator.close();
    await place?.remove();
  };
  try {
    place = await postgresJournals.place();
    const callers = twoTenantsSpending(simulator, signer, tenantId, spending);
    for (let index = 0; index < 2; index += 1) {
      replicas.push(await startTestGateway(simulator, inJournal(place, { callers })));
    }
  } catch (error) {
    await close();
    throw error;
  }
  const authorization = `Bearer ${await signer.token(tenantId, ['read', 'order'])}`;
  return {
    simulator,
    post: (index, query, variables) =>
      postAs(replicas[index % replicas.length]?.url ?? '', authorization, query, variables),
    close,
  };
}
