import type { Metadata } from "next";
import { connection } from "next/server";
import { StatusPage } from "@/components/layout/status-page";
import { LinkButton } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

export default async function NotFound() {
  // Rendered per request: a prerendered page carries no CSP nonce, and every script would be blocked.
  await connection();
  return (
    <StatusPage
      label="Error 404"
      title="This page does not exist"
      actions={
        <LinkButton href="/" size="lg">
          Go to today&apos;s reviews
        </LinkButton>
      }
    >
      <p>The address may be mistyped, or the page may have moved.</p>
    </StatusPage>
  );
}
