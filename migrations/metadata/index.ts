import { Initial1763700000000 } from './1763700000000-initial';
import { Sessions1763700001000 } from './1763700001000-sessions';
import { Directory1763700002000 } from './1763700002000-directory';
import { Webhooks1763700003000 } from './1763700003000-webhooks';

/** Metadata migrations in the order they run (TypeORM records each in its `migrations` table). */
export const METADATA_MIGRATIONS = [Initial1763700000000, Sessions1763700001000, Directory1763700002000, Webhooks1763700003000];
