// Runs TypeScript sources directly (SWC, with decorator metadata for NestJS and TypeORM)
// and resolves the @uplift/* path aliases of tsconfig.base.json.
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.runtime.json');
require('@swc-node/register');
