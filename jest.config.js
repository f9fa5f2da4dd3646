const nextJest = require("next/jest");

const createJestConfig = nextJest({ dir: "./" });

/** @type {import('jest').Config} */
const config = {
  testEnvironment: "node",
  testMatch: ["<rootDir>/__tests__/**/*.test.ts", "<rootDir>/__tests__/**/*.test.tsx"],
  moduleNameMapper: {
    // "server-only" throws outside React Server Components; the DAL is exercised directly in tests.
    "^server-only$": "<rootDir>/__tests__/helpers/server-only-stub.ts",
    "^@/(.*)$": "<rootDir>/$1",
  },
  globalSetup: "<rootDir>/__tests__/helpers/global-setup.ts",
  // Browser tests start a server and Chromium; DAL tests migrate databases.
  testTimeout: 30_000,
};

module.exports = createJestConfig(config);
