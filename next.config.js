/** Headers for every response; the Content-Security-Policy (with its per-request nonce) is set in proxy.ts. */
const { SECURITY_HEADERS: securityHeaders } = require("./scripts/security-headers.cjs");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  experimental: {
    // The import page sends up to 5 MB of text (and then the concepts kept from it) in one action.
    serverActions: { bodySizeLimit: "12mb" },
  },
  // Native modules are loaded from node_modules at run time instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@open-spaced-repetition/binding-linux-x64-gnu"],
  // Published as ES modules only: listed so next/jest compiles them for the tests as well (the
  // d3 packages and their dependencies are drawn by the statistics charts' component tests).
  transpilePackages: [
    "next-safe-action",
    "d3-array",
    "d3-color",
    "d3-format",
    "d3-interpolate",
    "d3-path",
    "d3-scale",
    "d3-shape",
    "d3-time",
    "d3-time-format",
    "internmap",
  ],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = nextConfig;
