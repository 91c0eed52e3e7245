import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { partitionForKey } from './kafkajs/partition';

// the reference: what kafkajs's DefaultPartitioner hashes with
const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2') as (key: string) => number;

describe('partitionForKey', () => {
  it('picks the partition kafkajs and the Java client pick for a key', () => {
    const keys = ['', 'a', 'ab', 'abc', 'abcd', 'org-1:dev-7', 'ünïcødé:測試', ...Array.from({ length: 500 }, () => `${randomUUID()}:${randomUUID().slice(0, 1 + Math.floor(Math.random() * 30))}`)];
    for (const key of keys) {
      for (const count of [1, 6, 7, 64]) {
        expect(partitionForKey(key, count)).toBe((kafkajsMurmur2(key) & 0x7fffffff) % count);
      }
    }
  });
});
