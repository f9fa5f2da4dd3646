import { connection } from "next/server";
import type { ReactNode } from "react";

/**
 * Every signed-in page. They render per request: a prerendered page has no CSP nonce, and these
 * show one user's data. The session is checked by each page itself (requireUser), since a layout
 * is not rendered again on client-side navigation between its pages.
 */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  await connection();
  return children;
}
