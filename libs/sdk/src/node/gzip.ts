import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Compressor } from '../core/transport';

const gzipAsync = promisify(gzip);

/** gzip with Node's zlib (off the main thread, in libuv's pool). */
export const zlibGzip: Compressor = async (body) => new Uint8Array(await gzipAsync(body));
