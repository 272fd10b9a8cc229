/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import type { Plugin } from "vite";

/** Strict CSP for built bundles only (the dev server injects styles for HMR). */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "font-src 'self'; connect-src 'self' ipc: http://ipc.localhost; object-src 'none'; " +
  "base-uri 'none'; form-action 'none'";

function cspMeta(): Plugin {
  return {
    name: "kuzet-csp-meta",
    apply: "build",
    transformIndexHtml(html) {
      return html.replace(
        "<meta charset=\"UTF-8\" />",
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
      );
    },
  };
}

// Tauri expects a fixed port in dev and a relative base in the bundle.
export default defineConfig(({ mode }) => ({
  plugins: [svelte(), cspMeta()],
  base: "./",
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: "es2022",
    // Never inline assets as data: URIs beyond tiny ones; CSS goes to a file.
    cssCodeSplit: false,
    sourcemap: false,
    modulePreload: { polyfill: false },
  },
  define: {
    // True only in `vite --mode mock` / `npm run build:mock`: the production
    // bundle never contains the mock backend.
    __KUZET_MOCK__: JSON.stringify(mode === "mock"),
  },
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.ts"],
  },
}));
