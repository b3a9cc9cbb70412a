/**
 * Airbus' access host, where opensearch features link their files: a quicklook (a small valid PNG
 * preview) and a download (a small product file whose bytes cover every byte value, so a client
 * can tell a binary-safe copy from a mangled one). Both are made from the image id, so the same
 * image always gives the same bytes. 404 for an image no workspace holds.
 */
import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { Router } from 'express';
import type { StateStore } from './store.js';
import { notFound } from './upstream-error.js';

const QUICKLOOK_SIZE = 32;
const DOWNLOAD_BYTES = 64 * 1024;

function seedOf(imageId: string): Buffer {
  return createHash('sha256').update(imageId).digest();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A grey gradient, shaded by the image id: an 8-bit greyscale PNG a browser shows as it is. */
export function quicklookPng(imageId: string): Buffer {
  const seed = seedOf(imageId);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(QUICKLOOK_SIZE, 0);
  header.writeUInt32BE(QUICKLOOK_SIZE, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  const rows = Array.from({ length: QUICKLOOK_SIZE }, (_, y) =>
    Buffer.from([
      0,
      ...Array.from({ length: QUICKLOOK_SIZE }, (_, x) => ((x + y) * 4 + (seed[0] ?? 0)) % 256),
    ]),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Every byte value, in an order the image id decides. */
export function downloadBytes(imageId: string): Buffer {
  const seed = seedOf(imageId);
  return Buffer.from(
    Array.from(
      { length: DOWNLOAD_BYTES },
      (_, index) => (index + (seed[Math.floor(index / 256) % 32] ?? 0)) % 256,
    ),
  );
}

export function accessApiRouter(store: StateStore): Router {
  const router = Router();
  router.get('/api/v1/items/:imageId/:file', (req, res) => {
    const { imageId, file } = req.params;
    const known = store.view((state) =>
      state.features.some((delivered) => delivered.feature.properties.id === imageId),
    );
    if (!known) throw notFound(`Item '${imageId}' not found.`, 'ITEM_NOT_FOUND');
    if (file === 'quicklook') {
      res.type('image/png').send(quicklookPng(imageId));
      return;
    }
    if (file !== 'download') throw notFound(`No route for ${req.method} ${req.path}.`);
    res
      .type('application/octet-stream')
      .set('Content-Disposition', `attachment; filename="${imageId}.bin"`)
      .send(downloadBytes(imageId));
  });
  return router;
}
