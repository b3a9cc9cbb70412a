import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.js';
import type * as domain from '../domain/neo.js';
import { Quotation } from '../schema/neo.types.js';

@Resolver(() => Quotation)
export class QuotationPdfResolver {
  @FieldResolver(() => String, {
    description:
      'The quotation as a PDF (upstream `GET /quotations/{id}/export`), to show or file: a path on this gateway (resolve it against the gateway URL) that works without credentials for a few minutes (FILE_LINK_TTL_SECONDS); ask again for a fresh one. The gateway streams the PDF with its own OneAtlas token, which never reaches the client.',
  })
  exportUrl(@Root() quotation: domain.Quotation, @Ctx() { fileLinks, caller }: GatewayContext): string {
    // The quotation reached this caller through a field that checked its contract.
    return fileLinks.link({
      kind: 'quotation-pdf',
      credentialId: caller.credentialId,
      requestedBy: caller.requestedBy,
      scope: quotation.contractId,
      id: quotation.id,
    });
  }
}
