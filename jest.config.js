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
  globalTeardown: "<rootDir>/__tests__/helpers/global-teardown.ts",
  // Browser tests start a server and Chromium; DAL tests migrate databases.
  testTimeout: 30_000,
  ...(process.env.MESA_TEST_DB === "postgres"
    ? // Every statement is a round trip to the server: set-ups that write thousands of rows take longer.
      { testTimeout: 120_000 }
    : {}),
  // Jest's default is one worker fewer than the cores: one on a 2-core machine. Browser tests spend
  // much of their time waiting on a server and Chromium, so two workers there took the whole suite
  // from 657 s to 431 s with every suite passing.
  maxWorkers: 2,
};

module.exports = createJestConfig(config);
