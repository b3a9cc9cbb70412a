import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import { authorizeWorkspace } from '../auth/authorize.js';
import type { GatewayContext } from '../context.js';
import type * as domain from '../domain/catalogue.js';
import { badUserInput } from '../errors.js';
import { PagingArgs } from '../schema/args.js';
import { type Connection, sliceFromArgs, toConnection } from '../schema/connection.js';
import { ImageConnection } from '../schema/imagery.types.js';
import { INPUT_LIMITS, optionalCheckedText } from '../schema/validation.js';

@Resolver()
export class ImageryResolver {
  @Query(() => ImageConnection, { description: 'Step 7: delivered images in a workspace.' })
  async imagery(
    @Ctx() { searchApi, caller }: GatewayContext,
    @Args(() => PagingArgs) { first, after }: PagingArgs,
    @Arg('workspaceId', () => ID, { nullable: true, description: 'Defaults to the configured workspace.' })
    workspaceId?: string | null,
  ): Promise<Connection<domain.Image>> {
    const slice = sliceFromArgs(first, after);
    const workspace = authorizeWorkspace(
      caller,
      optionalCheckedText('workspaceId', workspaceId, INPUT_LIMITS.workspaceId),
    );
    if (workspace === undefined) {
      throw badUserInput('workspaceId', 'is required because ONEATLAS_WORKSPACE_ID is not configured');
    }
    return toConnection(await searchApi.imagery(workspace, slice), slice);
  }
}
