import { buttonClass } from "@/components/ui/classes";
import { StatusHomeLink, StatusPage } from "./status-page";

/**
 * The body of the error pages (app/error.tsx, app/global-error.tsx). Errors from the server reach
 * the browser without their message in production; the digest names the server's log line.
 * The button takes its classes from the kit's link-free module (see StatusHomeLink).
 */
export function ErrorStatus({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  return (
    <>
      <title>Something went wrong · Mesa</title>
      <StatusPage
        label="Error"
        title="Mesa could not show this page"
        actions={
          <>
            <StatusHomeLink variant="secondary">Go home</StatusHomeLink>
            <button type="button" className={buttonClass("primary", "lg")} onClick={() => retry()}>
              Try again
            </button>
          </>
        }
      >
        <p>Something failed while loading it. Trying again often helps.</p>
        {digest ? (
          <p className="text-sm text-stone-500 dark:text-stone-400">
            If it keeps failing, the server&apos;s log has the details under reference{" "}
            <span className="tabular-nums">{digest}</span>.
          </p>
        ) : null}
      </StatusPage>
    </>
  );
}
