"use client";

import "./globals.css";
import { StatusPage } from "@/components/layout/status-page";
import { Button, LinkButton } from "@/components/ui/button";

/**
 * Replaces the root layout when the root layout itself fails, so it brings its own document and
 * styles (the root layout's stylesheet is not loaded without it).
 */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <title>Something went wrong · Mesa</title>
        <StatusPage
          label="Error"
          title="Mesa could not show this page"
          actions={
            <>
              <LinkButton href="/" variant="secondary" size="lg">
                Go home
              </LinkButton>
              <Button size="lg" onClick={() => retry()}>
                Try again
              </Button>
            </>
          }
        >
          <p>Something failed while loading it. Trying again often helps.</p>
        </StatusPage>
      </body>
    </html>
  );
}
