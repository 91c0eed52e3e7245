// UUID version 7 (RFC 9562): 48-bit Unix milliseconds, version, 12-bit `rand_a`, variant, 62 random bits.
// `rand_a` is used as a counter (RFC 9562 §6.2, method 1) so ids made in the same millisecond, or while the
// clock steps back, still sort in the order they were made.

export type RandomBytes = (bytes: Uint8Array) => Uint8Array;

export type UuidV7Options = {
  /** Milliseconds since the epoch; `Date.now` by default. */
  now?: () => number;
  /** Fills the array with random bytes; `crypto.getRandomValues` by default. */
  randomBytes?: RandomBytes;
};

const MAX_COUNTER = 0xfff;
// A fresh millisecond starts the counter in its lower half, leaving at least 2048 increments before it spills.
const COUNTER_SEED_MASK = 0x7ff;

const HEX = Array.from({ length: 256 }, (_, value) => value.toString(16).padStart(2, '0'));

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const UUID_V7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const UUID_V4_OR_V7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[47][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function defaultRandomBytes(bytes: Uint8Array): Uint8Array {
  return globalThis.crypto.getRandomValues(bytes);
}

/** Formats 16 bytes as a lower-case UUID string. */
export function formatUuid(bytes: Uint8Array): string {
  let text = '';
  for (let index = 0; index < 16; index += 1) {
    if (index === 4 || index === 6 || index === 8 || index === 10) text += '-';
    text += HEX[bytes[index] ?? 0];
  }
  return text;
}

/** Returns a generator of monotonically increasing UUID v7 strings (within this generator). */
export function createUuidV7Generator(options: UuidV7Options = {}): () => string {
  const now = options.now ?? Date.now;
  const randomBytes = options.randomBytes ?? defaultRandomBytes;
  let lastMs = -1;
  let counter = 0;

  return () => {
    const random = randomBytes(new Uint8Array(10));
    const clockMs = Math.floor(now());
    if (clockMs > lastMs) {
      lastMs = clockMs;
      counter = (((random[0] ?? 0) << 8) | (random[1] ?? 0)) & COUNTER_SEED_MASK;
    } else {
      // Same millisecond or a clock that went back: keep the last timestamp and count up.
      counter += 1;
      if (counter > MAX_COUNTER) {
        lastMs += 1;
        counter = (((random[0] ?? 0) << 8) | (random[1] ?? 0)) & COUNTER_SEED_MASK;
      }
    }

    const bytes = new Uint8Array(16);
    // 48-bit big-endian timestamp; Math.floor division keeps it exact beyond 32 bits.
    let timestamp = lastMs;
    for (let index = 5; index >= 0; index -= 1) {
      bytes[index] = timestamp % 256;
      timestamp = Math.floor(timestamp / 256);
    }
    bytes[6] = 0x70 | (counter >> 8);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | ((random[2] ?? 0) & 0x3f);
    for (let index = 9; index < 16; index += 1) bytes[index] = random[index - 6] ?? 0;
    return formatUuid(bytes);
  };
}

/** The milliseconds timestamp embedded in a UUID v7. */
export function uuidV7Time(uuid: string): number {
  return Number.parseInt(uuid.replace(/-/g, '').slice(0, 12), 16);
}

const defaultGenerator = createUuidV7Generator();

/** A new UUID v7, monotonically increasing within this process or page. */
export function uuidv7(): string {
  return defaultGenerator();
}
