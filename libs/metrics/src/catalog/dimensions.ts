import type { Dimension } from '../conventions';

/** Delivery events carry no assistant context: IDE and model are not meaningful groupings. */
export const DELIVERY_DIMENSIONS: readonly Dimension[] = ['team', 'developer', 'repo', 'language', 'tool'];

/** Metrics of merged pull requests can also be had per pull request (`<repo>#<number>`). */
export const PULL_REQUEST_DIMENSIONS: readonly Dimension[] = [...DELIVERY_DIMENSIONS, 'pull_request'];

/**
 * Work items, deployments and incidents: by their team and repo. The actor of a tracker or CI event is whoever
 * touched it last, not the developer the figure is about, so there is no `developer` grouping.
 */
export const WORK_ITEM_DIMENSIONS: readonly Dimension[] = ['team', 'repo'];
