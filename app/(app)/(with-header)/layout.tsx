import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { requireUser } from "@/lib/server/auth";
import { signOutAction } from "@/app/(auth)/actions";

/** The signed-in pages with the site header; review has none (the card is the page). */
export default async function WithHeaderLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <SiteHeader username={user.username} signOutAction={signOutAction} />
      {children}
    </>
  );
}
