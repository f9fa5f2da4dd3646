import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { startNextServer } from "../next-server";

/*
 * A sign-in flood from rotating addresses against one signed-in user's home page. Each attempt
 * costs the server a password hash, and the per-address limits never stop a flood that rotates
 * its address, so what protects everyone else is the process-wide bound on hashing
 * (lib/server/password-hashing.ts). Prints the home page's latency alone and during the flood.
 *
 * The flood's addresses are real: on Linux all of 127.0.0.0/8 is loopback, so each connection
 * binds its own 127.0.0.x and the server sees that address on the socket (no forwarding header
 * is trusted). Self-contained: its own database, account and server.
 */

const ROOT = path.resolve(__dirname, "../..");
const BASELINE_SECONDS = 8;
const FLOOD_SECONDS = 20;
/** Sign-in requests in flight at once, each from the next address. */
const FLOOD_CONNECTIONS = 16;
/** 127.0.0.2 to 127.0.0.241: 240 addresses x 100 failures allowed each in 15 minutes. */
const FLOOD_ADDRESSES = 240;
const PASSWORD = "bench-flood-password-9";

interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function send(
  base: string,
  {
    method = "GET",
    pathname,
    headers = {},
    body,
    localAddress,
    agent,
  }: {
    method?: string;
    pathname: string;
    headers?: Record<string, string>;
    body?: Buffer;
    localAddress?: string;
    agent?: http.Agent | false;
  },
): Promise<Reply> {
  const url = new URL(pathname, base);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { hostname: url.hostname, port: url.port, path: url.pathname, method, headers, localAddress, agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), headers: response.headers }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** A useActionState form post as the browser sends it: the form's fields, then the arguments. */
function formActionBody(fields: Record<string, string>): { body: Buffer; contentType: string } {
  const boundary = `----MesaBench${Math.random().toString(16).slice(2)}`;
  const parts = [...Object.entries(fields).map(([name, value]) => [`_1_${name}`, value]), ["0", '[null,"$K1"]']];
  const text =
    parts.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") +
    `--${boundary}--\r\n`;
  return { body: Buffer.from(text), contentType: `multipart/form-data; boundary=${boundary}` };
}

function actionId(name: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, action]) => action.exportedName === name);
  if (!found) throw new Error(`No server action ${name} in the build`);
  return found[0];
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

interface Latencies {
  count: number;
  p50: number;
  p95: number;
}

function latencies(durations: number[]): Latencies {
  const sorted = [...durations].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

/** One user loading the home page again and again (one connection, kept alive) until `until`. */
async function loadHome(base: string, cookie: string, until: number): Promise<Latencies> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const durations: number[] = [];
  try {
    while (performance.now() < until) {
      const start = performance.now();
      const reply = await send(base, { pathname: "/", headers: { cookie }, agent });
      if (reply.status !== 200) throw new Error(`GET / answered ${reply.status}`);
      durations.push(performance.now() - start);
    }
  } finally {
    agent.destroy();
  }
  return latencies(durations);
}

interface Flood {
  attempts: Latencies;
  statuses: Map<string, number>;
}

/** FLOOD_CONNECTIONS workers posting wrong sign-ins for made-up usernames, each from the next address. */
async function flood(base: string, until: number): Promise<Flood> {
  const action = actionId("signInAction");
  const durations: number[] = [];
  const statuses = new Map<string, number>();
  let next = 0;
  const worker = async () => {
    while (performance.now() < until) {
      const n = next++;
      const { body, contentType } = formActionBody({ username: `flood-${n}`, password: "wrong password" });
      const start = performance.now();
      const reply = await send(base, {
        method: "POST",
        pathname: "/sign-in",
        headers: { origin: base, "next-action": action, "content-type": contentType, accept: "text/x-component" },
        body,
        localAddress: `127.0.0.${2 + (n % FLOOD_ADDRESSES)}`,
        agent: false,
      });
      durations.push(performance.now() - start);
      const outcome = /"code":"([A-Z_]+)"/.exec(reply.body)?.[1] ?? "no code";
      const key = `${reply.status} ${outcome}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: FLOOD_CONNECTIONS }, worker));
  return { attempts: latencies(durations), statuses };
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "-");

/** Sets up a server on a fresh database, signs one user up, and prints home latency without and with a flood. */
export async function benchSignInFlood(): Promise<void> {
  console.log(`\n== Sign-in flood from ${FLOOD_ADDRESSES} rotating addresses against a signed-in user's home page\n`);
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.log("No build: run `npm run build` first. Skipped.");
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-bench-flood-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, "mesa.db")}`,
    MESA_SESSION_SECRET: "bench-flood-secret-0123456789abcdef0123456789",
    MESA_COOKIE_SECURE: "false",
    MESA_ALLOW_SIGNUP: "true",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  execFileSync("npm", ["run", "--silent", "db:setup"], { cwd: ROOT, env, stdio: "pipe" });
  const server = await startNextServer(env);
  try {
    const base = server.baseUrl;
    const { body, contentType } = formActionBody({ username: "reader", password: PASSWORD, timeZone: "UTC" });
    const signUp = await send(base, {
      method: "POST",
      pathname: "/sign-up",
      headers: { origin: base, "next-action": actionId("signUpAction"), "content-type": contentType },
      body,
    });
    const cookie = (signUp.headers["set-cookie"] ?? []).map((line) => line.split(";")[0]).join("; ");
    if (!cookie) throw new Error(`Sign-up set no cookie (status ${signUp.status}): ${signUp.body.slice(0, 300)}`);

    // Warm the page up, then measure it alone.
    await loadHome(base, cookie, performance.now() + 2000);
    const alone = await loadHome(base, cookie, performance.now() + BASELINE_SECONDS * 1000);
    const end = performance.now() + FLOOD_SECONDS * 1000;
    const [during, attack] = await Promise.all([loadHome(base, cookie, end), flood(base, end)]);

    const rows = [
      ["home, alone", alone.count, alone.p50, alone.p95],
      ["home, during the flood", during.count, during.p50, during.p95],
      ["sign-in attempts (the flood)", attack.attempts.count, attack.attempts.p50, attack.attempts.p95],
    ] as const;
    console.log(`${"".padEnd(30)}${"requests".padStart(10)}${"p50 ms".padStart(10)}${"p95 ms".padStart(10)}`);
    for (const [label, count, p50, p95] of rows) {
      console.log(`${label.padEnd(30)}${String(count).padStart(10)}${ms(p50).padStart(10)}${ms(p95).padStart(10)}`);
    }
    console.log(
      `Home p50 during / alone: ${ms(during.p50 / alone.p50)}x. Flood: ${FLOOD_SECONDS} s, ${FLOOD_CONNECTIONS} connections, ` +
        `${ms(attack.attempts.count / FLOOD_SECONDS)} attempts/s; answers: ${[...attack.statuses].map(([k, v]) => `${k} x${v}`).join(", ")}.`,
    );
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
