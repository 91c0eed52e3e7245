import type { Compressor } from './transport';

// Typed structurally so the browser build needs no DOM lib for it and Node 20 (which has the global) can
// run the same code in tests.
type GzipStream = { readable: ReadableStream<Uint8Array>; writable: WritableStream<Uint8Array> };
type CompressionStreamConstructor = new (format: 'gzip') => GzipStream;

/** gzip through the platform's `CompressionStream`, or `undefined` where there is none (old browsers). */
export function compressionStreamGzip(): Compressor | undefined {
  const Constructor = (globalThis as { CompressionStream?: CompressionStreamConstructor }).CompressionStream;
  if (typeof Constructor !== 'function') return undefined;
  return async (body) => {
    const stream = new Constructor('gzip');
    const writer = stream.writable.getWriter();
    // Written and closed without awaiting first: the readable side must be drained concurrently.
    const written = writer.write(body).then(() => writer.close());
    const chunks: Uint8Array[] = [];
    const reader = stream.readable.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    await written;
    return concatBytes(chunks);
  };
}

export function concatBytes(chunks: Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  const result = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    result.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return result;
}
