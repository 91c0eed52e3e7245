import { describe, expect, it } from 'vitest';
import { createUuidV7Generator, UUID_V7_PATTERN, uuidv7, uuidV7Time } from './uuid';

describe('uuidv7', () => {
  it('has the version 7 layout: 48-bit time, version nibble 7, variant 10', () => {
    const before = Date.now();
    const id = uuidv7();
    const after = Date.now();
    expect(id).toMatch(UUID_V7_PATTERN);
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
    expect(uuidV7Time(id)).toBeGreaterThanOrEqual(before);
    expect(uuidV7Time(id)).toBeLessThanOrEqual(after + 1);
  });

  it('sorts in creation order and never repeats, even many per millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps increasing when the clock stands still or steps back', () => {
    const clock = [1_700_000_000_000, 1_700_000_000_000, 1_699_999_999_000, 1_700_000_000_005, 1_700_000_000_001];
    let tick = 0;
    const next = createUuidV7Generator({ now: () => clock[Math.min(tick++, clock.length - 1)]! });
    const ids = Array.from({ length: clock.length }, () => next());
    expect([...ids].sort()).toEqual(ids);
    expect(ids.map(uuidV7Time)).toEqual([1_700_000_000_000, 1_700_000_000_000, 1_700_000_000_000, 1_700_000_000_005, 1_700_000_000_005]);
  });

  it('moves to the next millisecond when the 12-bit counter runs out', () => {
    const next = createUuidV7Generator({ now: () => 1_700_000_000_000, randomBytes: (bytes) => bytes.fill(0xff) });
    // The counter starts at 0x7ff (the seed is masked to its lower half) and may count up to 0xfff.
    const ids = Array.from({ length: 5000 }, () => next());
    expect(new Set(ids).size).toBe(5000);
    expect([...ids].sort()).toEqual(ids);
    expect(uuidV7Time(ids[0]!)).toBe(1_700_000_000_000);
    expect(uuidV7Time(ids[2048]!)).toBe(1_700_000_000_000);
    expect(uuidV7Time(ids[2049]!)).toBe(1_700_000_000_001);
    for (const id of ids) expect(id).toMatch(UUID_V7_PATTERN);
  });

  it('encodes timestamps beyond 32 bits exactly', () => {
    const next = createUuidV7Generator({ now: () => 0xfedcba987654 });
    const id = next();
    expect(id.startsWith('fedcba98-7654-7')).toBe(true);
    expect(uuidV7Time(id)).toBe(0xfedcba987654);
  });
});
