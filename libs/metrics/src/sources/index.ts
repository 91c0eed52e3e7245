import type { SourceDefinition, SourceId } from '../definition';
import { DELIVERY_SOURCES } from './delivery-sources';
import { USAGE_SOURCES } from './usage-sources';

/** The deduplicated event sets metrics are computed from (bots are excluded from every one, see conventions). */
export const SOURCES: Readonly<Record<SourceId, SourceDefinition>> = { ...USAGE_SOURCES, ...DELIVERY_SOURCES };
