import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { authorizeWorkspace } from '../auth/authorize.js';
import type { GatewayContext } from '../context.js';
import type * as domain from '../domain/catalogue.js';
import { PagingArgs } from '../schema/args.js';
import { type Connection, sliceFromArgs, toConnection } from '../schema/connection.js';
import { ImageryFilterArgs } from '../schema/imagery.args.js';
import { Image, ImageConnection } from '../schema/imagery.types.js';
import {
  checkedDateRange,
  checkedNumberRange,
  INPUT_LIMITS,
  optionalCheckedText,
} from '../schema/validation.js';

const FILE_LINK_NOTE =
  'A path on this gateway (resolve it against the gateway URL) that works without credentials for a few minutes (FILE_LINK_TTL_SECONDS): usable as an `<img src>` or a download link as it is; ask again for a fresh one. The gateway streams the file from OneAtlas with its own token, which never reaches the client. Null when OneAtlas offers none.';

@Resolver(() => Image)
export class ImageryResolver {
  @Query(() => ImageConnection, {
    description:
      'Step 7: delivered images in a workspace, newest first, narrowed by the search API’s own criteria.',
  })
  async imagery(
    @Ctx() { searchApi, orderApi, dataApi, caller }: GatewayContext,
    @Args(() => ImageryFilterArgs) filters: ImageryFilterArgs,
    @Args(() => PagingArgs) { first, after }: PagingArgs,
    @Arg('workspaceId', () => ID, {
      nullable: true,
      description:
        "The tenant's configured workspace or one of its contracts' (`Contract.workspaceId`), else FORBIDDEN. Defaults to the configured one, else the only one its contracts deliver to.",
    })
    workspaceId?: string | null,
  ): Promise<Connection<domain.Image>> {
    const slice = sliceFromArgs(first, after);
    const filter = imageryFilter(filters);
    const workspace = await authorizeWorkspace(
      caller,
      optionalCheckedText('workspaceId', workspaceId, INPUT_LIMITS.workspaceId),
      { orderApi, dataApi },
    );
    return toConnection(await searchApi.imagery(workspace, filter, slice), slice);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: `The image's quicklook (a JPEG or PNG preview). ${FILE_LINK_NOTE}`,
  })
  quicklookUrl(@Root() image: domain.Image, @Ctx() context: GatewayContext): string | null {
    return image.files.quicklook ? imageFileLink(context, image, 'quicklook') : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: `The image's product to download. ${FILE_LINK_NOTE}`,
  })
  downloadUrl(@Root() image: domain.Image, @Ctx() context: GatewayContext): string | null {
    return image.files.download ? imageFileLink(context, image, 'download') : null;
  }
}

/** A link for the image's workspace, which `imagery` already checked is the caller's. */
function imageFileLink(
  { fileLinks, caller }: GatewayContext,
  image: domain.Image,
  kind: domain.ImageFileKind,
): string {
  return fileLinks.link({
    kind,
    credentialId: caller.credentialId,
    requestedBy: caller.requestedBy,
    scope: image.workspaceId,
    id: image.id,
  });
}

/** The search criteria, checked before any upstream call: ranges ordered and within their units. */
function imageryFilter(args: ImageryFilterArgs): domain.ImageryFilter {
  return {
    acquisitionDate: checkedDateRange('acquisitionDate', args.acquisitionDate),
    cloudCover: checkedNumberRange('cloudCover', args.cloudCover, 0, 100),
    incidenceAngle: checkedNumberRange('incidenceAngle', args.incidenceAngle, 0, 90),
    intersecting: args.intersecting ?? null,
    lastUpdateDate: checkedDateRange('lastUpdateDate', args.lastUpdateDate),
  };
}
