import { describe, expect, it } from 'vitest';
import { nextOffset, processInChunks, type BatchControl } from './chunked-batch';
import type { ConsumedBatch } from './types';

const batchOf = (count: number, firstOffset = 10): ConsumedBatch => ({
  topic: 't',
  partition: 2,
  highWatermark: String(firstOffset + count),
  messages: Array.from({ length: count }, (_, index) => ({
    offset: String(firstOffset + index),
    key: 'k',
    value: Buffer.from(`m${firstOffset + index}`),
    headers: {},
    timestamp: 0,
  })),
});

/** Records every call the loop makes, in order. */
function recordingControl(overrides: Partial<BatchControl> = {}) {
  const calls: string[] = [];
  const control: BatchControl = {
    resolveOffset: (offset) => void calls.push(`resolve ${offset}`),
    commit: async (offset) => void calls.push(`commit ${offset}`),
    heartbeat: async () => void calls.push('heartbeat'),
    shouldStop: () => false,
    ...overrides,
  };
  return { calls, control };
}

describe('processInChunks', () => {
  it('hands chunks to the handler and resolves, commits (last + 1) and heartbeats after each', async () => {
    const { calls, control } = recordingControl();
    const handled = await processInChunks(batchOf(5), 2, async (chunk) => void calls.push(`handle ${chunk.messages.map((m) => m.offset).join(',')}`), control);
    expect(handled).toBe(5);
    expect(calls).toEqual([
      'handle 10,11', 'resolve 11', 'commit 12', 'heartbeat',
      'handle 12,13', 'resolve 13', 'commit 14', 'heartbeat',
      'handle 14', 'resolve 14', 'commit 15', 'heartbeat',
    ]);
  });

  it('commits nothing of a chunk whose handler throws, and lets the error through', async () => {
    const { calls, control } = recordingControl();
    const handler = async (chunk: ConsumedBatch) => {
      if (chunk.messages[0].offset === '12') throw new Error('sink refused');
      calls.push(`handle ${chunk.messages[0].offset}`);
    };
    await expect(processInChunks(batchOf(6), 2, handler, control)).rejects.toThrow('sink refused');
    expect(calls).toEqual(['handle 10', 'resolve 11', 'commit 12', 'heartbeat']);
  });

  it('finishes the chunk in hand, then stops when asked to', async () => {
    let stopping = false;
    const { calls, control } = recordingControl({ shouldStop: () => stopping });
    const handled = await processInChunks(batchOf(6), 2, async () => void (stopping = true), control);
    expect(handled).toBe(2);
    expect(calls).toEqual(['resolve 11', 'commit 12', 'heartbeat']);
  });

  it('stops at a heartbeat that reports a rebalance, the chunk before it already committed', async () => {
    const { calls, control } = recordingControl({
      heartbeat: async () => {
        throw new Error('REBALANCE_IN_PROGRESS');
      },
    });
    await expect(processInChunks(batchOf(6), 2, async () => undefined, control)).rejects.toThrow('REBALANCE_IN_PROGRESS');
    expect(calls).toEqual(['resolve 11', 'commit 12']);
  });
});

describe('nextOffset', () => {
  it('adds one without losing precision past 2^53', () => {
    expect(nextOffset('9007199254740993')).toBe('9007199254740994');
  });
});
