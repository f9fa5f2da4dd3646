import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { AuthCard } from "@/components/auth/auth-card";
import { AuthForm } from "@/components/auth/auth-form";
import { InsecureCookieWarning } from "@/components/auth/insecure-cookie-warning";
import { Alert } from "@/components/ui/alert";
import { getSessionUser, sessionCookieWillBeDropped } from "@/lib/server/auth";
import { serverNow } from "@/lib/server/clock";
import { checkInvite } from "@/lib/server/invites";
import { isSignUpOpen } from "@/lib/server/users";
import { signUpAction } from "../actions";

export const metadata: Metadata = { title: "Create an account" };

/** `?invite=<code>`: signing up through an invite link (no per-address limit, its decks enrolled). */
export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string | string[] }> }) {
  await connection();
  const { invite: code } = await searchParams;
  const invite = typeof code === "string" && code !== "" ? await checkInvite(code, serverNow()) : null;
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
      {invite?.ok ? (
        <div className="mb-5" data-testid="invite-ok">
          <Alert tone="info">
            <strong className="font-semibold">{invite.invitedBy}</strong> invited you
            {invite.decks.length > 0 ? <> to study {invite.decks.join(", ")}</> : null}.
          </Alert>
        </div>
      ) : invite ? (
        <div className="mb-5" data-testid="invite-refused">
          <Alert>{invite.reason} You can still create an account without it.</Alert>
        </div>
      ) : null}
      <AuthForm mode="sign-up" action={signUpAction} invite={invite?.ok && typeof code === "string" ? code : undefined} />
    </AuthCard>
  );
}
