import type { Metadata } from "next";
import { connection } from "next/server";
import { StatusHomeLink, StatusPage } from "@/components/layout/status-page";

export const metadata: Metadata = { title: "Page not found" };

export default async function NotFound() {
  // Rendered per request: a prerendered page carries no CSP nonce, and every script would be blocked.
  await connection();
  return (
    <StatusPage
      label="Error 404"
      title="This page does not exist"
      actions={<StatusHomeLink variant="primary">Go to today&apos;s reviews</StatusHomeLink>}
    >
      <p>The address may be mistyped, or the page may have moved.</p>
    </StatusPage>
  );
}
