import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR } from './paths';
import { isAlive } from './processes';

// Test runs that share the test broker each hold a lease (a file named after their pid). The last run
// to finish stops the broker; a broker left by a killed run is stopped by the next run that ends.
const leaseDir = (port: number) => path.join(CACHE_DIR, `leases-${port}`);

export function takeLease(port: number): void {
  mkdirSync(leaseDir(port), { recursive: true });
  writeFileSync(path.join(leaseDir(port), String(process.pid)), '');
}

/** Drops this process's lease and the leases of dead processes; returns whether a live one remains. */
export function releaseLease(port: number): boolean {
  const dir = leaseDir(port);
  rmSync(path.join(dir, String(process.pid)), { force: true });
  let othersAlive = false;
  for (const name of readdirSync(dir)) {
    if (isAlive(Number(name))) othersAlive = true;
    else rmSync(path.join(dir, name), { force: true });
  }
  return othersAlive;
}
