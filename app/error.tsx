"use client";

import { StatusPage } from "@/components/layout/status-page";
import { Button, LinkButton } from "@/components/ui/button";

/**
 * What a page shows when rendering it fails. It renders inside the root layout of a request that
 * was already dynamic, so its scripts carry that request's CSP nonce. Production errors from the
 * server arrive without their message; the digest matches the server's log line.
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  return (
    <StatusPage
      label="Something went wrong"
      title="Mesa could not show this page"
      actions={
        <>
          <LinkButton href="/" variant="secondary" size="lg" data-testid="go-home">
            Go home
          </LinkButton>
          <Button size="lg" onClick={() => retry()} data-testid="try-again">
            Try again
          </Button>
        </>
      }
    >
      <p>Try again in a moment. If it keeps happening, the server&apos;s log says why.</p>
      {digest ? <p className="text-sm text-stone-500 dark:text-stone-400">Reference: {digest}</p> : null}
    </StatusPage>
  );
}
