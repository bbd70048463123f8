/// <reference types="vitest/config" />
/// <reference types="@vitest/browser/providers/playwright" />
import { defineConfig } from "vite";

export default defineConfig({
  // Tauri serves ui/dist itself; no dev server is needed for the app.
  clearScreen: false,
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  resolve: {
    alias: { react: "preact/compat", "react-dom": "preact/compat" },
  },
  build: {
    target: "es2021",
    outDir: "dist",
    emptyOutDir: true,
    // No inline scripts or styles: the CSP allows 'self' only.
    assetsInlineLimit: 0,
  },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    // The UI's tests run in a real browser engine: Debian's Chromium, headless, through
    // Playwright (no browser download; `CYNOSURE_CHROMIUM` points elsewhere).
    browser: {
      enabled: true,
      provider: "playwright",
      headless: true,
      screenshotFailures: false,
      instances: [
        {
          browser: "chromium",
          launch: {
            executablePath: process.env.CYNOSURE_CHROMIUM ?? "/usr/bin/chromium",
            args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
          },
        },
      ],
    },
  },
});
