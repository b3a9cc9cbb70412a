import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { authorizeSearch } from '../auth/authorize.js';
import type { GatewayContext } from '../context.js';
import type { ProgCapacity as DomainProgCapacity } from '../domain/feasibility.js';
import { TaskingSearchArgs } from '../schema/args.js';
import { toFeasibilitySearch, toTaskingSearch } from '../schema/feasibility.inputs.js';
import { ProgCapacity } from '../schema/feasibility.types.js';

@Resolver()
export class FeasibilityResolver {
  @Query(() => [ProgCapacity], {
    description:
      'Step 2: whether a request can be acquired automatically (AUTOMATIC) or needs an expert study (MANUAL), and how hard it is (EASY/CHALLENGING).',
  })
  feasibility(
    @Args(() => TaskingSearchArgs) { input }: TaskingSearchArgs,
    @Ctx() { orderApi, defaults, caller, now }: GatewayContext,
  ): Promise<DomainProgCapacity[]> {
    return orderApi.feasibility(
      authorizeSearch(caller, toFeasibilitySearch(input, defaults.contractId, now())),
    );
  }

  @Query(() => [ProgCapacity], {
    description:
      'Step 3 (ONEDAY, ONENOW, ONENOWATTEMPTS): the next passes within 7 days of the window start. No pass is an empty `attempts` list, not an error.',
  })
  attempts(
    @Args(() => TaskingSearchArgs) { input }: TaskingSearchArgs,
    @Ctx() { orderApi, defaults, caller, now }: GatewayContext,
  ): Promise<DomainProgCapacity[]> {
    return orderApi.attempts(authorizeSearch(caller, toTaskingSearch(input, defaults.contractId, now())));
  }
}
