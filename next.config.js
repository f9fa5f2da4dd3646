/** Headers for every response; the Content-Security-Policy (with its per-request nonce) is set in proxy.ts. */
const { SECURITY_HEADERS: securityHeaders } = require("./scripts/security-headers.cjs");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Native modules are loaded from node_modules at run time instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2"],
  // Published as ES modules only: listed so next/jest compiles it for the tests as well.
  transpilePackages: ["next-safe-action"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = nextConfig;
