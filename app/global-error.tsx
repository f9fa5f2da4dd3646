"use client";

import "./globals.css";
import { ErrorStatus } from "@/components/layout/error-status";

/**
 * Replaces the root layout when the root layout itself fails, so it brings its own document and
 * styles. Rendered during the failing request, it carries that request's CSP nonce (checked by
 * making the root layout throw: a 500 with every script nonced and no violation).
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <ErrorStatus error={error} retry={retry} />
      </body>
    </html>
  );
}
