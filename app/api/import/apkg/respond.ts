import { FieldErrors, UserError } from "@/lib/server/errors";
import type { ApkgErrorDTO } from "@/lib/types/apkg-import";

/* The Anki package import routes' answers: JSON, never cached, errors with a message to show. */

export const NO_STORE = { "Cache-Control": "no-store" };

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

export function refuse(error: string, status: number, fieldErrors?: Record<string, string[]>): Response {
  const body: ApkgErrorDTO = fieldErrors ? { error, fieldErrors } : { error };
  return json(body, status);
}

const STATUS_OF = { NOT_FOUND: 404, STALE: 409, INVALID: 400, CONFLICT: 409, RATE_LIMITED: 429, UNAUTHORIZED: 401 } as const;

/** A UserError as its message and status; anything else is a bug: logged, and answered without details. */
export function refuseError(error: unknown, nothingDone: string): Response {
  if (error instanceof FieldErrors) return refuse(error.message, 400, error.fields);
  if (error instanceof UserError) return refuse(error.message, STATUS_OF[error.code]);
  console.error(error);
  return refuse(`Something went wrong on the server, and ${nothingDone}. Please try again.`, 500);
}

/** The first message of a failed zod parse. */
export function firstIssue(issues: readonly { message: string }[]): string {
  return issues[0]?.message ?? "The request is not valid.";
}
