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
      {digest ? (
        <p className="text-sm text-stone-500 dark:text-stone-400">
          If it keeps failing, the server&apos;s log has the details under reference <span className="tabular-nums">{digest}</span>.
        </p>
      ) : null}
    </StatusPage>
  );
}
