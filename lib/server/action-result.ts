import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { ZodError } from "zod";
import type { ActionResult } from "@/lib/types";
import { INVALID_INPUT_MESSAGE, serverErrorOf } from "./action";

/*
 * For the form actions (useActionState) that are not made with authAction yet: they parse and
 * report errors by hand, with the same messages.
 */

/** A validation failure, with the first message of each field for the form to show. */
export function invalidInput(error: ZodError): ActionResult<never> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, error: INVALID_INPUT_MESSAGE, code: "INVALID", fieldErrors };
}

/**
 * Turns an error thrown by the data layer into a result the page can show (see serverErrorOf).
 * Next's redirect and not-found signals pass through.
 */
export function actionError(error: unknown): ActionResult<never> {
  unstable_rethrow(error);
  const { message, code } = serverErrorOf(error);
  return { ok: false, error: message, code };
}
