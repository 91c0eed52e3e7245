#!/usr/bin/env node
// uplift-git: runs the TypeScript sources through the workspace's SWC register (tools/register.cjs also
// resolves the @uplift/* aliases), from any working directory.
'use strict';
const path = require('node:path');

require(path.join(__dirname, '..', '..', '..', 'tools', 'register.cjs'));
const cli = require(path.join(__dirname, '..', 'src', 'cli.ts'));
cli.main(process.argv.slice(2), process.env, { exitAfterBudget: true }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
