import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from './scalars/index.js';

/** The OneAtlas APIs the gateway paces separately; the values are the datasource layer's names. */
export enum UpstreamApi {
  ORDER = 'order',
  SEARCH = 'search',
}

registerEnumType(UpstreamApi, {
  name: 'UpstreamApi',
  description: 'A OneAtlas API, paced separately per credential.',
  valuesConfig: {
    ORDER: { description: 'The ordering API (1 request per second, one at a time, 10-minute ban).' },
    SEARCH: { description: 'The search API (delivered imagery).' },
  },
});

@ObjectType({
  description:
    'Where the calls of one credential to one OneAtlas API stand: paused after a 429 (shared by every replica with Redis), waiting, in flight.',
})
export class UpstreamPause {
  @Field(() => ID, { description: 'The id of the OneAtlas credential (never the API key).' })
  credentialId!: string;

  @Field(() => UpstreamApi, { description: 'The API.' })
  api!: UpstreamApi;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the pause after a 429 ends; null when calls flow.',
  })
  pausedUntil!: Date | null;

  @Field(() => Int, { description: 'Whole seconds left of the pause; 0 when calls flow.' })
  pausedForSeconds!: number;

  @Field(() => Boolean, {
    description:
      'Whether every replica sees this pause: false when Redis could not record it or cannot be read now, so that this replica shows (and enforces) its own.',
  })
  shared!: boolean;

  @Field(() => Int, { description: 'Calls of this replica waiting for their turn.' })
  waitingCalls!: number;

  @Field(() => Int, {
    description:
      'Calls of this replica sent and not yet answered (a call its caller stopped waiting for counts until its answer or the hold bound).',
  })
  callsInFlight!: number;
}
