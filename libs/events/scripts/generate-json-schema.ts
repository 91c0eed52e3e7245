// Writes schema/events-v1.schema.json from the zod schemas: `npm run schema:generate`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { eventsJsonSchemaText } from '../src/json-schema';

const schemaFile = path.join(__dirname, '..', 'schema', 'events-v1.schema.json');

mkdirSync(path.dirname(schemaFile), { recursive: true });
writeFileSync(schemaFile, eventsJsonSchemaText());
console.log(`wrote ${path.relative(process.cwd(), schemaFile)}`);
