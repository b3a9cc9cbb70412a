import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived signed links to the files a client may fetch through the gateway (`/files/…`): an
 * image's quicklook or download, a Pléiades Neo quotation's PDF. GraphQL gives one out only after
 * its own checks (caller, tenant, contract or workspace), so the link itself carries that decision:
 * whoever holds it may fetch that one file until it expires, with no gateway credential and never
 * the gateway's OneAtlas token. It works in an `<img src>` or a download button as it is.
 */

export const FILE_ROUTE_PATH = '/files';

export type FileKind = 'quicklook' | 'download' | 'quotation-pdf';

/** What a link names: which file, fetched with which OneAtlas credential, and until when. */
export interface FileGrant {
  kind: FileKind;
  /** The tenants file's credential whose token fetches the file (and whose queue the call waits in). */
  credentialId: string;
  /** Who obtained the link, for the log line of each fetch. */
  requestedBy: string;
  /** The workspace of an image; the contract of a quotation. */
  scope: string;
  /** The image or quotation id. */
  id: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

const KINDS: readonly FileKind[] = ['quicklook', 'download', 'quotation-pdf'];

/** Why a link is refused; the message goes to the client as it is. */
export class FileLinkRefused extends Error {
  override name = 'FileLinkRefused';
}

export class FileLinks {
  private readonly secret: Buffer;

  /** `secret` null: a random one, so links work only on this process. */
  constructor(
    secret: string | null,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.secret = secret === null ? randomBytes(32) : Buffer.from(secret, 'utf8');
  }

  /** The link's path on the gateway, relative to its origin: `/files/<grant>.<signature>`. */
  link(grant: Omit<FileGrant, 'expiresAt'>): string {
    const payload = Buffer.from(
      JSON.stringify([
        grant.kind,
        grant.credentialId,
        grant.requestedBy,
        grant.scope,
        grant.id,
        this.now() + this.ttlMs,
      ]),
    ).toString('base64url');
    return `${FILE_ROUTE_PATH}/${payload}.${this.sign(payload)}`;
  }

  /** The grant of a link's last path segment; FileLinkRefused when forged, altered, malformed or expired. */
  verify(token: string): FileGrant {
    const [payload = '', signature = '', ...rest] = token.split('.');
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (rest.length > 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new FileLinkRefused('This file link is not one the gateway gave out.');
    }
    const grant = parseGrant(payload);
    if (grant.expiresAt <= this.now()) {
      throw new FileLinkRefused(
        'This file link has expired: ask GraphQL for the field again for a fresh one.',
      );
    }
    return grant;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

/** A signed payload is ours, so a shape other than the one `link` writes is a bug, not a client's doing. */
function parseGrant(payload: string): FileGrant {
  const fields: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  if (!Array.isArray(fields) || fields.length !== 6)
    throw new Error('a signed file link holds an unknown shape');
  const [kind, credentialId, requestedBy, scope, id, expiresAt] = fields as unknown[];
  if (
    !KINDS.includes(kind as FileKind) ||
    typeof credentialId !== 'string' ||
    typeof requestedBy !== 'string' ||
    typeof scope !== 'string' ||
    typeof id !== 'string' ||
    typeof expiresAt !== 'number'
  ) {
    throw new Error('a signed file link holds an unknown shape');
  }
  return { kind: kind as FileKind, credentialId, requestedBy, scope, id, expiresAt };
}
