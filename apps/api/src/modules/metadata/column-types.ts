/**
 * Column types that differ between the two metadata databases. Entities are declared once;
 * the driver is known from the environment before any entity module loads.
 */
const usesPostgres = (process.env['DATABASE_URL'] ?? '').startsWith('postgres');

export const TIMESTAMP_COLUMN = usesPostgres ? 'timestamptz' : 'datetime';
