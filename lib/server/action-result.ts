import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { ZodError } from "zod";
import type { ActionResult } from "@/lib/types";
import { UserError } from "./errors";

/** A validation failure, with the first message of each field for the form to show. */
export function invalidInput(error: ZodError): ActionResult<never> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, error: "Please check the highlighted fields.", code: "INVALID", fieldErrors };
}

/**
 * Turns an error thrown by the data layer into a result the page can show. Next's redirect and
 * not-found signals pass through; a UserError's message is shown as is; anything else is a bug,
 * logged on the server and reported without details.
 */
export function actionError(error: unknown): ActionResult<never> {
  unstable_rethrow(error);
  if (error instanceof UserError) return { ok: false, error: error.message, code: error.code };
  console.error(error);
  return { ok: false, error: "Something went wrong on the server, and nothing was saved. Please try again.", code: "SERVER" };
}
