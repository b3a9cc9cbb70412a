import { ArgsType, Field, ID, Int } from 'type-graphql';

/**
 * Arguments many root fields share, written once (type-graphql `@ArgsType`), so every field that takes
 * them says the same thing and a new field cannot drift. Values are checked where they are used
 * (`contractIdOrDefault`, `sliceFromArgs`), as every client string is.
 */

@ArgsType()
export class ContractArgs {
  @Field(() => ID, {
    nullable: true,
    description: "CIS contract id; defaults to the caller's configured contract.",
  })
  contractId?: string | null;
}

@ArgsType()
export class PagingArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (default 10).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the edge to read after.' })
  after?: string | null;
}
