import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { AuthCard } from "@/components/auth/auth-card";
import { AuthForm } from "@/components/auth/auth-form";
import { InsecureCookieWarning } from "@/components/auth/insecure-cookie-warning";
import { Alert } from "@/components/ui/alert";
import { getSessionUser, sessionCookieWillBeDropped } from "@/lib/server/auth";
import { SIGNED_OUT, SignedOutSchema } from "@/lib/validation/auth";
import { signInAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  if (await getSessionUser()) redirect("/");
  const cookieDropped = await sessionCookieWillBeDropped();
  const signedOut = SignedOutSchema.parse((await searchParams)["signed-out"]);
  return (
    <AuthCard title="Sign in" subtitle="Pick up today's reviews where you left off.">
      {signedOut ? (
        <div className="mb-5" data-testid="signed-out">
          <Alert tone="info">
            {signedOut === SIGNED_OUT.everywhere ? "You are signed out on every device." : "You are signed out."}
          </Alert>
        </div>
      ) : null}
      {cookieDropped ? <InsecureCookieWarning /> : null}
      <AuthForm mode="sign-in" action={signInAction} />
    </AuthCard>
  );
}
