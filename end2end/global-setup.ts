// Starts the release build of the server on a fresh SQLite database, reads the first
// administrator's one-time link from its console, signs in once and saves that session for
// the tests that act as the administrator.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from '@playwright/test';
import { baseURL, port } from './playwright.config';

export const stateDir = resolve(__dirname, '.state');

export default async function globalSetup() {
  mkdirSync(stateDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'rc-e2e-'));
  const repo = resolve(__dirname, '..');
  const binary = process.env.RC_BINARY ?? join(repo, 'target/release/recovery-commons');
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite://${dataDir}/e2e.db`,
    LISTEN_ADDR: `127.0.0.1:${port}`,
    LEPTOS_SITE_ROOT: join(repo, 'target/site'),
    RUST_LOG: process.env.RUST_LOG ?? 'warn',
    // Live streams end every few seconds, so the browser tests see screens reconnect.
    LIVE_STREAM_SECONDS: '4',
  };
  const server = spawn(binary, ['serve'], { cwd: repo, env, stdio: ['ignore', 'pipe', 'inherit'] });
  writeFileSync(join(stateDir, 'server.pid'), String(server.pid));

  const link = await new Promise<string>((resolveLink, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no sign-in link within 30 s:\n${output}`)), 30_000);
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/(http:\/\/\S+\/sign-in\/link\?token=[0-9a-f]{64})/);
      if (match) {
        clearTimeout(timer);
        resolveLink(match[1]);
      }
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  server.stdout!.resume();
  server.unref();

  await signInAndSave(link, 'admin.json');
  // A second session, from a link made by `recovery-commons admin-link`, for the test that
  // signs out (so the shared session above stays valid).
  const again = execFileSync(binary, ['admin-link'], { cwd: repo, env }).toString();
  const second = again.match(/(http:\/\/\S+\/sign-in\/link\?token=[0-9a-f]{64})/);
  if (!second) throw new Error(`admin-link printed no link:\n${again}`);
  await signInAndSave(second[1], 'admin-to-sign-out.json');
}

async function signInAndSave(link: string, file: string) {
  const token = new URL(link).searchParams.get('token')!;
  const api = await request.newContext({ baseURL });
  const response = await api.post('/api/session/redeem-link', { form: { token } });
  if (!response.ok()) throw new Error(`signing in as the admin failed: ${response.status()}`);
  await api.storageState({ path: join(stateDir, file) });
  await api.dispose();
}
