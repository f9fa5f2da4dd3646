"use strict";

/*
 * What the start server refuses before Next sees a request. Next answers several malformed
 * requests with a bare 500 (a %-encoding it cannot decode, a server-action body that is not JSON,
 * a body over its own limit) and applies a server action that carries no Origin header at all.
 * Each refusal here is a 4xx with a one-line message and the usual security headers.
 */

const http = require("node:http");
const { SECURITY_HEADERS } = require("./security-headers.cjs");

/** The most one request may carry. Mesa's forms (sign-up, a quiz answer) are under 2 KiB; a card browser selection under 40 KiB. */
const BODY_LIMIT_BYTES = 64 * 1024;
/**
 * Uploads that may be larger, by path: the body goes to the route as it arrives (not read here),
 * and the route reads it with the same limit. Only plain POSTs: a server action never gets this.
 */
const UPLOAD_LIMITS_BYTES = { "/api/restore": 100 * 1024 * 1024, "/api/import/apkg": 50 * 1024 * 1024 };
/**
 * Server actions that may carry more, by the page they are posted to: the import page sends up to
 * 5 MB of text, and then the concepts kept from it (next.config.js lets actions take 12 MB).
 */
const ACTION_LIMITS_BYTES = { "/import": 12 * 1024 * 1024 };
/** A refused body is still read (and dropped) up to this much, so the client sees the 413 rather than a reset. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

const MESSAGES = {
  malformedPath: "Bad request: the address has a malformed %-encoding.",
  crossSite:
    "Refused: a request that changes data must come from a page of this Mesa server (a same-origin Origin or Sec-Fetch-Site header).",
  tooLarge: `Request too large: Mesa takes at most ${BODY_LIMIT_BYTES / 1024} KiB in one request.`,
  notJson: "Bad request: a server action's arguments must be a JSON array.",
};

// A refusal is plain text: nothing in it may run, load or be framed.
const REFUSAL_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/**
 * The `$`-strings React's reply encoding uses for plain values. A browser escapes a string that
 * starts with `$` as `$$`, so any other `$`-string in a one-part (JSON) body refers to a part the
 * body does not have (`$@1` a promise, `$Q2` a Map, `$3` an outlined object): forged.
 */
const PLAIN_VALUE = /^\$(?:\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$)/;

function malformedPath(url) {
  const pathname = (url ?? "/").split("?")[0];
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/** The host the request was sent to, as a browser writes it in Origin (default port dropped). */
function requestHost(headers) {
  const scheme = String(headers["x-forwarded-proto"] ?? "http")
    .split(",")[0]
    .trim();
  const host = String(headers["x-forwarded-host"] ?? headers.host ?? "")
    .split(",")[0]
    .trim();
  try {
    return new URL(`${scheme}://${host}`).host;
  } catch {
    return null;
  }
}

/**
 * Whether a state-changing request comes from one of this server's own pages: its Origin names
 * this host, or, when a browser sent no Origin, Sec-Fetch-Site says same-origin. A request with
 * neither (a hand-made request, an old client) is refused: Next's own check lets it through.
 */
function isSameOrigin(headers) {
  const origin = headers.origin;
  if (origin !== undefined) {
    const host = requestHost(headers);
    try {
      return origin !== "null" && host !== null && new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return headers["sec-fetch-site"] === "same-origin";
}

/**
 * The refusal a request earns from its request line and headers alone, or null. `headers` are
 * the ones the app will see (after start-server.cjs decided the forwarding headers).
 */
function checkRequest({ method, url, headers }) {
  if (malformedPath(url)) return { status: 400, message: MESSAGES.malformedPath };
  if (SAFE_METHODS.has(method)) return null;
  if (!isSameOrigin(headers)) return { status: 403, message: MESSAGES.crossSite };
  const limit = uploadLimit({ method, url, headers }) ?? actionLimit({ url, headers });
  if (Number(headers["content-length"]) > limit) return { status: 413, message: tooLargeMessage(limit) };
  return null;
}

/** The larger body limit of an upload path, or null for every other request. */
function uploadLimit({ method, url, headers }) {
  if (method !== "POST" || headers["next-action"] !== undefined) return null;
  const pathname = (url ?? "/").split("?")[0];
  return Object.hasOwn(UPLOAD_LIMITS_BYTES, pathname) ? UPLOAD_LIMITS_BYTES[pathname] : null;
}

/** The most a server action's body may be: more on the pages that send large ones. */
function actionLimit({ url, headers }) {
  if (headers["next-action"] === undefined) return BODY_LIMIT_BYTES;
  const pathname = (url ?? "/").split("?")[0];
  return Object.hasOwn(ACTION_LIMITS_BYTES, pathname) ? ACTION_LIMITS_BYTES[pathname] : BODY_LIMIT_BYTES;
}

function tooLargeMessage(limit) {
  return limit === BODY_LIMIT_BYTES
    ? MESSAGES.tooLarge
    : `Request too large: this upload takes at most ${limit / (1024 * 1024)} MB.`;
}

/** The first `$`-string in a parsed JSON value that is not a plain value, or null. */
function firstReference(value) {
  const pending = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === "string") {
      if (next.startsWith("$") && !PLAIN_VALUE.test(next)) return next;
    } else if (next !== null && typeof next === "object") {
      pending.push(...Object.values(next));
    }
  }
  return null;
}

/**
 * The refusal a server-action body earns, or null. A one-part body (what a browser sends for plain
 * arguments) must be a JSON array of plain data; a multipart body (forms) is left to Next, which
 * refuses what it cannot decode with a 400 of its own.
 */
function checkActionBody(headers, body) {
  if (headers["next-action"] === undefined) return null;
  if (
    String(headers["content-type"] ?? "")
      .toLowerCase()
      .startsWith("multipart/form-data")
  )
    return null;
  let args;
  try {
    args = JSON.parse(body.toString("utf8"));
  } catch {
    return { status: 400, message: MESSAGES.notJson };
  }
  if (!Array.isArray(args)) return { status: 400, message: MESSAGES.notJson };
  const reference = firstReference(args);
  if (reference === null) return null;
  const shown = reference.length > 20 ? `${reference.slice(0, 20)}…` : reference;
  return {
    status: 400,
    message: `Bad request: a server action's arguments must be plain data; ${JSON.stringify(shown)} refers to nothing in this request.`,
  };
}

/** Answers a refusal: the message as text, the security headers, nothing cached. */
function refuse(res, { status, message }) {
  const body = `${message}\n`;
  for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
  res.setHeader("Content-Security-Policy", REFUSAL_POLICY);
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.setHeader("Cache-Control", "no-store");
  res.statusCode = status;
  res.end(body);
}

/** Reads the whole body, or resolves null as soon as it passes `limit` bytes. */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        req.off("data", onData);
        req.off("end", onEnd);
        resolve(null);
      }
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", reject);
  });
}

/**
 * Drops the rest of a refused body, so the client, still sending, reads the refusal instead of a
 * reset connection; past a bound the connection is cut.
 */
function drain(req) {
  let size = 0;
  req.on("data", (chunk) => {
    size += chunk.length;
    if (size > DRAIN_LIMIT_BYTES) req.socket.destroy();
  });
  req.resume();
}

/** A request Next can read again: the same line and headers, with the body already read. */
function replay(req, body) {
  const copy = new http.IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.headers = req.headers;
  copy.rawHeaders = req.rawHeaders;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}

/**
 * Checks a request and resolves the request Next should handle, or null once a refusal has been
 * sent. Bodies are read here (at most BODY_LIMIT_BYTES) so a malformed one never reaches Next.
 */
async function guardRequest(req, res) {
  const early = checkRequest(req);
  if (early) {
    refuse(res, early);
    if (!SAFE_METHODS.has(req.method)) drain(req);
    return null;
  }
  if (SAFE_METHODS.has(req.method)) return req;
  // An upload streams on to its route, which stops reading at the same limit.
  if (uploadLimit(req) !== null) return req;
  const limit = actionLimit(req);
  const body = await readBody(req, limit);
  if (body === null) {
    refuse(res, { status: 413, message: tooLargeMessage(limit) });
    drain(req);
    return null;
  }
  const refusal = checkActionBody(req.headers, body);
  if (refusal) {
    refuse(res, refusal);
    return null;
  }
  return replay(req, body);
}

module.exports = {
  ACTION_LIMITS_BYTES,
  BODY_LIMIT_BYTES,
  MESSAGES,
  UPLOAD_LIMITS_BYTES,
  checkActionBody,
  checkRequest,
  guardRequest,
  isSameOrigin,
};
