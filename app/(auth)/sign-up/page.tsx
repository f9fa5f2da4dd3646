import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { AuthCard } from "@/components/auth/auth-card";
import { AuthForm } from "@/components/auth/auth-form";
import { InsecureCookieWarning } from "@/components/auth/insecure-cookie-warning";
import { getSessionUser, sessionCookieWillBeDropped } from "@/lib/server/auth";
import { isSignUpOpen } from "@/lib/server/users";
import { signUpAction } from "../actions";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  await connection();
  if (await getSessionUser()) redirect("/");
  const cookieDropped = await sessionCookieWillBeDropped();
  if (!(await isSignUpOpen())) {
    return (
      <AuthCard title="Sign-up is closed" subtitle="This Mesa server does not take new accounts.">
        <p className="text-sm text-stone-600 dark:text-stone-400">
          Ask the person who runs it for an account, or{" "}
          <Link href="/sign-in" className="font-medium text-accent-600 underline-offset-4 hover:underline dark:text-accent-400">
            sign in
          </Link>
          .
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Create your account" subtitle="You start with the built-in deck on Risks from Learned Optimization.">
      {cookieDropped ? <InsecureCookieWarning /> : null}
      <AuthForm mode="sign-up" action={signUpAction} />
    </AuthCard>
  );
}
