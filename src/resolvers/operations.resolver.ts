import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import type { UpstreamApiName, UpstreamPauseView } from '../datasources/http/upstream-pauses.js';
import { UpstreamApi, UpstreamPause } from '../schema/operations.types.js';
import { INPUT_LIMITS, optionalCheckedText } from '../schema/validation.js';

/** What operators of the gateway see and do about the upstream (for the admin role). */
@Resolver()
export class OperationsResolver {
  @Query(() => [UpstreamPause], {
    description:
      'Per credential and API: the pause a 429 imposed (its Retry-After, capped at ONEATLAS_MAX_PAUSE_SECONDS), and the calls waiting and in flight.',
  })
  async upstreamPauses(@Ctx() { upstreamPauses }: GatewayContext): Promise<UpstreamPause[]> {
    return (await upstreamPauses.list()).map(toUpstreamPause);
  }

  @Mutation(() => [UpstreamPause], {
    description:
      "Ends the pause of an API now (for every credential, or the one named): calls resume at once. Use it when OneAtlas' ban is known to be over, e.g. after a Retry-After far beyond the documented 10 minutes. Logged.",
  })
  async clearUpstreamPause(
    @Ctx() { upstreamPauses }: GatewayContext,
    @Arg('api', () => UpstreamApi, { description: 'The API whose pause ends.' }) api: UpstreamApi,
    @Arg('credentialId', () => ID, { nullable: true, description: 'Only this credential; default all.' })
    credentialId?: string | null,
  ): Promise<UpstreamPause[]> {
    // Credential ids have the shape of the other identifiers.
    const onlyCredential = optionalCheckedText('credentialId', credentialId, INPUT_LIMITS.contractId);
    return (await upstreamPauses.clear(API_NAMES[api], onlyCredential ?? undefined)).map(toUpstreamPause);
  }
}

const API_NAMES: Record<UpstreamApi, UpstreamApiName> = {
  [UpstreamApi.ORDER]: 'order',
  [UpstreamApi.SEARCH]: 'search',
};
const API_VALUES: Record<UpstreamApiName, UpstreamApi> = {
  order: UpstreamApi.ORDER,
  search: UpstreamApi.SEARCH,
};

function toUpstreamPause(view: UpstreamPauseView): UpstreamPause {
  return {
    credentialId: view.credentialId,
    api: API_VALUES[view.api],
    pausedUntil: view.pausedUntil,
    pausedForSeconds: Math.ceil(view.pausedForMs / 1000),
    shared: view.shared,
    waitingCalls: view.waitingCalls,
    callsInFlight: view.callsInFlight,
  };
}
