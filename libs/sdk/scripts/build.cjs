// Builds dist/: CommonJS + declarations (Node), ES modules (browsers and bundlers). The browser check runs
// first: it type-checks the universal entry without Node's types.
const { execFileSync } = require('node:child_process');
const { rmSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const tsc = require.resolve('typescript/bin/tsc');

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
for (const project of ['tsconfig.browser.json', 'tsconfig.build.json', 'tsconfig.esm.json']) {
  execFileSync(process.execPath, [tsc, '-p', path.join(root, project)], { stdio: 'inherit' });
}
