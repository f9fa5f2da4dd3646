"use client";

import { ErrorStatus } from "@/components/layout/error-status";

/**
 * What a page shows when rendering it fails. It renders inside the root layout of a request that
 * was already dynamic, so its scripts carry that request's CSP nonce.
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorStatus error={error} retry={retry} />;
}
