// Writes schema/dashboard.schema.json from the zod schema: `npx nx run dashboards:schema`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dashboardJsonSchemaText } from '../src/json-schema';

const schemaFile = path.join(__dirname, '..', 'schema', 'dashboard.schema.json');

mkdirSync(path.dirname(schemaFile), { recursive: true });
writeFileSync(schemaFile, dashboardJsonSchemaText());
console.log(`wrote ${path.relative(process.cwd(), schemaFile)}`);
