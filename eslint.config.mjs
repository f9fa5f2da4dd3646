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
    ignores: [".next/**", "node_modules/**", "lib/generated/**", "next-env.d.ts", "coverage/**", "__tests__/fixtures/**"],
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
  // CommonJS tool configs (next.config.js, jest.config.js) load their plugins with require().
  { files: ["*.js"], rules: { "@typescript-eslint/no-require-imports": "off" } },
];

export default config;
