import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { AuthCard } from "@/components/auth/auth-card";
import { AuthForm } from "@/components/auth/auth-form";
import { InsecureCookieWarning } from "@/components/auth/insecure-cookie-warning";
import { getSessionUser, sessionCookieWillBeDropped } from "@/lib/server/auth";
import { signInAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  await connection();
  if (await getSessionUser()) redirect("/");
  const cookieDropped = await sessionCookieWillBeDropped();
  return (
    <AuthCard title="Sign in" subtitle="Pick up today's reviews where you left off.">
      {cookieDropped ? <InsecureCookieWarning /> : null}
      <AuthForm mode="sign-in" action={signInAction} />
    </AuthCard>
  );
}
