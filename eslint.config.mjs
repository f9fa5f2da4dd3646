import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import jsxA11y from "eslint-plugin-jsx-a11y";
import tseslint from "typescript-eslint";

const typeChecked = tseslint.configs.recommendedTypeCheckedOnly.map((config) => ({
  ...config,
  files: ["**/*.{ts,tsx,mts,cts}"],
}));

const config = [
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      "next-env.d.ts",
      "coverage/**",
      "__tests__/fixtures/**",
      // A type-test fixture: its calls are deliberately wrong (each under @ts-expect-error), and
      // __tests__/types/write-path.test.ts checks that the compiler refuses every one.
      "__tests__/types/write-path.fixture.ts",
    ],
  },
  // Next.js rules (core web vitals), React, React hooks, import and the jsx-a11y plugin.
  ...nextVitals,
  ...nextTypescript,
  // The full jsx-a11y recommended set (Next enables only a few of its rules); the plugin itself is
  // already registered by the Next config.
  { files: ["**/*.{jsx,tsx}"], rules: jsxA11y.flatConfigs.recommended.rules },
  ...typeChecked,
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Server actions are passed to <form action>, which accepts a promise-returning function.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  // CommonJS tool configs (next.config.js, jest.config.js) and scripts load modules with require().
  { files: ["*.js", "scripts/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  {
    files: ["__tests__/**/*.ts"],
    rules: {
      // useTestDatabase() registers Jest hooks, it is no React hook; these files render no React.
      "react-hooks/rules-of-hooks": "off",
    },
  },
  {
    files: ["__tests__/**/*.{ts,tsx}"],
    rules: {
      // Jest idioms: asymmetric matchers (expect.any, expect.stringMatching...) are typed `any`
      // inside expected objects; stand-ins for async APIs (a session reader, a read() body, a
      // sleep) are async functions that need not await; expect(mock.method) reads mocks unbound.
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/require-await": "off",
    },
  },
];

export default config;
