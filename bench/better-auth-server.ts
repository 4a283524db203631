// Better Auth (npm better-auth, its admin plugin, its default SQLite schema) in a process of its own,
// for the scale bench to load side by side with ours: BA_DB names the SQLite file, PORT the port.
// Listens on 127.0.0.1 only; prints "listening" once its tables exist.
import { createServer } from 'node:http';
import Database from 'better-sqlite3';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { toNodeHandler } from 'better-auth/node';
import { admin } from 'better-auth/plugins';

const port = Number(process.env.PORT);
const options = {
  database: new Database(process.env.BA_DB ?? ''),
  secret: process.env.BA_SECRET!,
  baseURL: `http://127.0.0.1:${port}`,
  emailAndPassword: { enabled: true },
  plugins: [admin()],
  telemetry: { enabled: false },
  // Ours limits sign-in attempts, not reads of the list: the same here.
  rateLimit: { enabled: false },
  logger: { disabled: true },
};
const { runMigrations } = await getMigrations(options);
await runMigrations();
const handler = toNodeHandler(betterAuth(options));
// The handler answers through res; its promise only says when it has.
const server = createServer((req, res) => void handler(req, res));
server.listen(port, '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
