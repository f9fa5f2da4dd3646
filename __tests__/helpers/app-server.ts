import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

export interface AppServer {
  baseUrl: string;
  databaseFile: string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited early:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not become healthy within 60 s:\n${output()}`);
}

/**
 * Runs the production build (`next start`) against a fresh database that is migrated and seeded
 * the way `npm start` does it. Needs `next build` to have run (the test command does that first).
 */
export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build found: run `npm run build` first (`npm test` does).");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-e2e-"));
  const databaseFile = path.join(dir, "mesa.db");
  const serverEnv = {
    ...process.env,
    DATABASE_URL: `file:${databaseFile}`,
    MESA_SESSION_SECRET: "e2e-secret-0123456789abcdef0123456789abcdef",
    ...env,
  } as NodeJS.ProcessEnv;
  execFileSync("npm", ["run", "--silent", "db:setup"], { cwd: ROOT, env: serverEnv, stdio: "pipe" });

  const port = await freePort();
  let log = "";
  // Detached, so the whole process group (next start and its next-server child) can be stopped.
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    cwd: ROOT,
    env: { ...serverEnv, NODE_ENV: "production" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (log += chunk));
  child.stderr?.on("data", (chunk) => (log += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // Already gone.
      }
      await new Promise((resolve) => child.once("exit", resolve));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, databaseFile, stop };
}
