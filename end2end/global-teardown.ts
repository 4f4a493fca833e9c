import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export default async function globalTeardown() {
  try {
    const pid = Number(readFileSync(join(resolve(__dirname, '.state'), 'server.pid'), 'utf8'));
    process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}
