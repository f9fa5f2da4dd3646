"use strict";

/*
 * The security headers of every response: next.config.js adds them to what Next serves, and the
 * start server (scripts/request-guard.cjs) to what it refuses before Next sees the request. The
 * Content-Security-Policy of pages carries a per-request nonce and is set in proxy.ts.
 */
const SECURITY_HEADERS = [
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

module.exports = { SECURITY_HEADERS };
