import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startNextServer } from "@/scripts/next-server";

const ROOT = path.resolve(__dirname, "../..");

export interface AppServer {
  baseUrl: string;
  databaseFile: string;
  stop: () => Promise<void>;
}

/**
 * Runs the production build as `npm start` serves it, against a fresh database that is migrated
 * and seeded the way `npm start` does it. Needs `next build` to have run (the test command does that first).
 */
export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build found: run `npm run build` first (`npm test` does).");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-e2e-"));
  const databaseFile = path.join(dir, "mesa.db");
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${databaseFile}`,
    MESA_SESSION_SECRET: "e2e-secret-0123456789abcdef0123456789abcdef",
    ...env,
  };
  execFileSync("npm", ["run", "--silent", "db:setup"], { cwd: ROOT, env: serverEnv, stdio: "pipe" });
  try {
    const server = await startNextServer({ ...serverEnv, NODE_ENV: "production" });
    return {
      baseUrl: server.baseUrl,
      databaseFile,
      stop: async () => {
        await server.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
