import { hash, timingSafeEqual } from 'node:crypto';

/** The form a gateway API key is stored in: its SHA-256 (keys are long random strings, so a slow hash adds nothing). */
export function sha256Of(apiKey: string): Buffer {
  // The one-shot hash: every request with an API key hashes it, and a Hash object costs more than the hashing.
  return hash('sha256', apiKey, 'buffer');
}

/**
 * The entry whose stored hash matches the presented key, or undefined. Every entry is compared, in
 * constant time, so the answer's timing says nothing about which hashes exist or how close a guess was.
 */
export function findApiKey<T extends { sha256: Buffer }>(
  presented: string,
  entries: readonly T[],
): T | undefined {
  const digest = sha256Of(presented);
  let found: T | undefined;
  for (const entry of entries) {
    if (timingSafeEqual(digest, entry.sha256) && found === undefined) found = entry;
  }
  return found;
}
