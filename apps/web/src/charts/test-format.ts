import type { ChartFormat } from './types';

/** A transparent format for tests: what a builder passes through is visible in the output. */
export const TEST_FORMAT: ChartFormat = {
  value: (value, unit) => (value === null ? '—' : `${value} ${unit}`),
  axis: (value, unit) => `${value}|${unit}`,
  period: (label) => `<${label}>`,
};
