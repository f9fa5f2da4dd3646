"use strict";

/*
 * `npm start`: the production build behind a small Node HTTP server instead of `next start`.
 *
 * `next start` passes a client-sent X-Forwarded-For through untouched and hides the socket's
 * address from the app, so the sign-in limits could be reset by rotating that header. This server
 * decides the client's address and scheme before Next sees the request: from the socket, or, when
 * the operator declares MESA_TRUSTED_PROXIES=N reverse proxies in front, from the hop those
 * proxies recorded. The app then reads exactly one address from X-Forwarded-For. It also refuses,
 * before Next, what Next would mishandle (scripts/request-guard.cjs): cross-site or origin-less
 * state changes, malformed addresses and action bodies, and bodies over 64 KiB.
 *
 *   node scripts/start-server.cjs [-p|--port 3000] [-H|--hostname 0.0.0.0]   (or PORT / HOSTNAME)
 */

const http = require("node:http");
const path = require("node:path");
const { guardRequest } = require("./request-guard.cjs");

const ROOT = path.resolve(__dirname, "..");
const SHUTDOWN_GRACE_MS = 10_000;

/** The comma-separated entries of a header value, trimmed, empty ones dropped. */
function entries(value) {
  const text = Array.isArray(value) ? value.join(",") : (value ?? "");
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * The forwarding headers the app should see, from the incoming headers and the socket. Without
 * trusted proxies every client-sent forwarding header is ignored: the address and scheme are the
 * socket's. With N trusted proxies the socket is the nearest proxy, each proxy appended the
 * address it saw, so the client is the N-th entry from the right of X-Forwarded-For followed by
 * the socket; scheme and host are the ones the nearest proxy passed on.
 *
 * Returns the values to set; `undefined` means "remove the header" (Next then fills X-Forwarded-Host
 * from Host itself).
 */
function forwardedHeaders(headers, { remoteAddress, encrypted, trustedProxies }) {
  const socketAddress = remoteAddress || "unknown";
  const socketScheme = encrypted ? "https" : "http";
  if (!trustedProxies) {
    return {
      "x-forwarded-for": socketAddress,
      "x-forwarded-proto": socketScheme,
      "x-forwarded-host": undefined,
      "x-forwarded-port": undefined,
      "x-real-ip": undefined,
      forwarded: undefined,
    };
  }
  const chain = [...entries(headers["x-forwarded-for"]), socketAddress];
  const client = chain[Math.max(0, chain.length - 1 - trustedProxies)];
  return {
    "x-forwarded-for": client,
    "x-forwarded-proto": entries(headers["x-forwarded-proto"]).at(-1)?.toLowerCase() ?? socketScheme,
    "x-forwarded-host": entries(headers["x-forwarded-host"]).at(-1),
    "x-forwarded-port": entries(headers["x-forwarded-port"]).at(-1),
    "x-real-ip": undefined,
    forwarded: undefined,
  };
}

/** MESA_TRUSTED_PROXIES: how many reverse proxies stand in front (0, the default, for none). */
function trustedProxyCount(value) {
  if (value === undefined || value.trim() === "") return 0;
  if (!/^\d+$/.test(value.trim())) throw new Error(`MESA_TRUSTED_PROXIES must be a whole number of proxies (got "${value}")`);
  return Number(value.trim());
}

/** `-p 8080`, `--port=8080`, `-H 127.0.0.1`, `--hostname host`, falling back to PORT and HOSTNAME. */
function parseArguments(argv, env) {
  const options = { port: env.PORT || "3000", hostname: env.HOSTNAME || undefined };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === "-p" || flag === "--port") options.port = value();
    else if (flag === "-H" || flag === "--hostname") options.hostname = value();
    else throw new Error(`Unknown argument "${argv[i]}" (use -p/--port and -H/--hostname)`);
  }
  if (!/^\d+$/.test(String(options.port)) || Number(options.port) > 65535) throw new Error(`Invalid port "${options.port}"`);
  return { port: Number(options.port), hostname: options.hostname };
}

function isLoopback(hostname) {
  return hostname === "localhost" || hostname === "::1" || /^127\.\d+\.\d+\.\d+$/.test(hostname ?? "");
}

/**
 * The start-up warning for a LAN install over plain http: browsers drop Secure cookies there, so
 * every sign-in would be lost on the next click. Null when there is nothing to warn about.
 */
function insecureCookieWarning({ hostname, port, env, trustedProxies }) {
  const secure = env.MESA_COOKIE_SECURE !== "false";
  if (!secure || trustedProxies > 0 || isLoopback(hostname)) return null;
  return (
    `Warning: Mesa serves plain http on ${hostname ?? "every network interface"} (port ${port}) and its session cookies are Secure. ` +
    "Browsers drop Secure cookies over http except on localhost, so signing in from another machine will not stick. " +
    "Serve it over https (a reverse proxy; then set MESA_TRUSTED_PROXIES=1) or, on a home network, set MESA_COOKIE_SECURE=false."
  );
}

async function main() {
  const { port, hostname } = parseArguments(process.argv.slice(2), process.env);
  const trustedProxies = trustedProxyCount(process.env.MESA_TRUSTED_PROXIES);
  // The browser tests' clock (lib/server/clock.ts): said at start, so it is never on unnoticed.
  if (process.env.MESA_TEST_CLOCK_FILE) {
    console.warn(
      `WARNING: MESA_TEST_CLOCK_FILE is set (${process.env.MESA_TEST_CLOCK_FILE}): Mesa's clock is shifted for testing. Never set it in production.`,
    );
  }
  // What `next start` does: the build runs in production mode whatever the shell says.
  process.env.NODE_ENV = "production";
  const next = require("next");
  const app = next({ dev: false, dir: ROOT, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((req, res) => {
    const rewritten = forwardedHeaders(req.headers, {
      remoteAddress: req.socket.remoteAddress,
      encrypted: Boolean(req.socket.encrypted),
      trustedProxies,
    });
    for (const [name, value] of Object.entries(rewritten)) {
      if (value === undefined) delete req.headers[name];
      else req.headers[name] = value;
    }
    guardRequest(req, res)
      .then((checked) => checked && handle(checked, res))
      .catch((error) => {
        console.error(error);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  const where =
    hostname === undefined
      ? `http://localhost:${port} and every network interface`
      : `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`;
  const proxies = trustedProxies ? `, behind ${trustedProxies} trusted proxy hop${trustedProxies === 1 ? "" : "s"}` : "";
  console.log(`Mesa is listening on ${where}${proxies}`);
  const warning = insecureCookieWarning({ hostname, port, env: process.env, trustedProxies });
  if (warning) console.warn(warning);

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing open requests, then stopping`);
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    server.close(() => {
      Promise.resolve(app.close?.()).finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

module.exports = { forwardedHeaders, insecureCookieWarning, parseArguments, trustedProxyCount };
