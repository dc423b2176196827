import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  // Tests run adapters in plain Node: resolve the `server-only` marker as a server does (its
  // "react-server" export, an empty module) and nothing else under that condition.
  resolve: { alias: { "@": root, "server-only": `${root}node_modules/server-only/empty.js` } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "lib/**/*.test.ts",
            "app/**/*.test.ts",
            "cli/**/*.test.ts",
            "components/**/*.test.ts",
            "examples/**/*.test.ts",
            "fuzz/**/*.test.ts",
            "bench/**/*.test.ts",
          ],
          exclude: ["**/*.lab.test.ts", "**/*.security.test.ts", "e2e/**", "node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "security",
          include: ["**/*.security.test.ts"],
          exclude: ["e2e/**", "node_modules/**"],
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "lab",
          include: ["**/*.lab.test.ts"],
          exclude: ["e2e/**", "node_modules/**"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
