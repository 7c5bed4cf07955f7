/**
 * Random bytes from Web Crypto (in Node and in browsers alike), drawn 4 KiB at a time: one call
 * per few hundred serial numbers instead of one each, which was most of a serial's cost in an
 * order import. Every byte is served once; the view is valid until the next call.
 */
const pool = new Uint8Array(4096);
let offset = pool.length;

export function randomBytes(count: number): Uint8Array {
  if (count > pool.length) return crypto.getRandomValues(new Uint8Array(count));
  if (offset + count > pool.length) {
    crypto.getRandomValues(pool);
    offset = 0;
  }
  offset += count;
  return pool.subarray(offset - count, offset);
}
