import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

/*
 * Starts the production build the way `npm start` serves it (scripts/start-server.cjs, which
 * decides the client's address before Next sees a request) for the browser tests and the
 * benchmark. Detached, and stopped as a whole process group, so nothing it spawned keeps the port.
 */

const ROOT = path.resolve(__dirname, "..");
const START_SERVER = path.join(ROOT, "scripts/start-server.cjs");

export interface NextServer {
  baseUrl: string;
  child: ChildProcess;
  /** The last lines the server printed, for error reports. */
  output: () => string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function captureTail(child: ChildProcess, keep = 40): () => string {
  const lines: string[] = [];
  const add = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - keep));
  };
  child.stdout?.on("data", add);
  child.stderr?.on("data", add);
  return () => lines.join("\n");
}

export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || !groupAlive(pid)) return;
  process.kill(-pid, "SIGTERM");
  for (let waited = 0; waited < 5000 && groupAlive(pid); waited += 100) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
}

async function waitForHealth(server: NextServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    const { exitCode, signalCode } = server.child;
    if (exitCode !== null || signalCode !== null) {
      throw new Error(`The server exited (${exitCode ?? signalCode}) before answering:\n${server.output()}`);
    }
    try {
      const response = await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`GET /api/health did not answer 200 within ${timeoutMs / 1000} s (last: ${last}):\n${server.output()}`);
}

/**
 * Starts the production server on a free loopback port with `env` and resolves once /api/health answers 200.
 * `onSpawn` receives the process at once, so a caller can stop it on Ctrl-C even while waiting.
 */
export async function startNextServer(
  env: NodeJS.ProcessEnv,
  { timeoutMs = 60_000, onSpawn }: { timeoutMs?: number; onSpawn?: (child: ChildProcess) => void } = {},
): Promise<NextServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [START_SERVER, "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  onSpawn?.(child);
  const server: NextServer = {
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    output: captureTail(child),
    stop: () => stopGroup(child),
  };
  try {
    await waitForHealth(server, timeoutMs);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
