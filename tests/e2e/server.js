// Starts the release `hearth` for the browser tests: a fresh data directory,
// a staff account, then `hearth serve` in the foreground (Playwright stops
// it when the run ends).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, CLIENTS, FLOOR, STAFF } from './specs/accounts.js';
import { SEED, SOON } from './specs/seed.js';

const port = process.argv[2];
const bin = process.env.HEARTH_BIN;
if (!bin) {
  console.error('HEARTH_BIN must point at the release hearth binary (make test sets it)');
  process.exit(2);
}
const dataDir = mkdtempSync(join(tmpdir(), 'hearth-e2e-'));
const env = {
  ...process.env,
  HEARTH_DATA_DIR: dataDir,
  HEARTH_FACILITY_NAME: 'Maple House',
  HEARTH_FACILITY_TIMEZONE: 'America/New_York',
  // Request logs would drown Playwright's report; warnings and errors stay.
  RUST_LOG: process.env.RUST_LOG || 'warn',
  DATABASE_URL: '',
};
delete env.DATABASE_URL;

const add = spawnSync(
  bin,
  ['user', 'add', '--role', 'recreation-staff', '--name', STAFF.name, '--email', STAFF.email, '--password-stdin'],
  { env, input: `${STAFF.password}\n`, encoding: 'utf8' },
);
if (add.status !== 0) {
  console.error(`hearth user add failed: ${add.stderr}`);
  process.exit(1);
}

const floor = spawnSync(
  bin,
  ['user', 'add', '--role', 'staff', '--name', FLOOR.name, '--email', FLOOR.email, '--password-stdin'],
  { env, input: `${FLOOR.password}\n`, encoding: 'utf8' },
);
if (floor.status !== 0) {
  console.error(`hearth user add failed: ${floor.stderr}`);
  process.exit(1);
}
const admin = spawnSync(
  bin,
  ['user', 'add', '--role', 'admin', '--name', ADMIN.name, '--email', ADMIN.email, '--password-stdin'],
  { env, input: `${ADMIN.password}\n`, encoding: 'utf8' },
);
if (admin.status !== 0) {
  console.error(`hearth user add failed: ${admin.stderr}`);
  process.exit(1);
}
// A short kiosk idle time, so the idle sign-out test does not wait a minute.
spawnSync(bin, ['facility', 'set', '--kiosk-idle-seconds', '10'], { env, encoding: 'utf8' });

const token = spawnSync(bin, ['token', 'create', '--email', STAFF.email], { env, encoding: 'utf8' });
if (token.status !== 0) {
  console.error(`hearth token create failed: ${token.stderr}`);
  process.exit(1);
}

const server = spawn(bin, ['serve', '--addr', `127.0.0.1:${port}`], { env, stdio: 'inherit' });
seed(`http://127.0.0.1:${port}`, token.stdout.trim()).catch((error) => {
  console.error(`seeding failed: ${error}`);
  server.kill('SIGTERM');
});
const stop = () => server.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
server.on('exit', (code) => process.exit(code ?? 0));

/// A busy January 2027 through the JSON API, for the print tests.
async function seed(base, token) {
  for (let i = 0; i < 100; i++) {
    const ready = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const client of CLIENTS) {
    const response = await fetch(`${base}/api/v1/people`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'client', ...client }),
    });
    if (response.status !== 201) throw new Error(`${client.name}: ${response.status} ${await response.text()}`);
  }
  for (const event of [...SEED, ...SOON]) {
    const response = await fetch(`${base}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    if (response.status !== 201) throw new Error(`${event.title}: ${response.status} ${await response.text()}`);
  }
}
