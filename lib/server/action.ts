import "server-only";
import { createSafeActionClient } from "next-safe-action";
import type { z } from "zod";
import type { ActionResult } from "@/lib/types";
import { requireUser } from "./auth";
import { UserError } from "./errors";

/** Who an action runs for. Only these fields: the session layer decides what else a user has. */
export interface ActingUser {
  id: string;
  username: string;
}

export interface ServerError {
  message: string;
  code: string;
}

export const SERVER_ERROR_MESSAGE = "Something went wrong on the server, and nothing was saved. Please try again.";
export const INVALID_INPUT_MESSAGE = "Please check the highlighted fields.";

/**
 * What the user is told about an error thrown while handling an action: a UserError's message as
 * is; anything else is a bug, logged here and reported without details.
 */
export function serverErrorOf(error: unknown): ServerError {
  if (error instanceof UserError) return { message: error.message, code: error.code };
  console.error(error);
  return { message: SERVER_ERROR_MESSAGE, code: "SERVER" };
}

type FlattenedErrors = { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> };

/**
 * next-safe-action's result (data, serverError or validationErrors, each optional) as the
 * ActionResult union the UI switches on. An empty result is a body that returned nothing.
 */
function toActionResult<T>(result: { data?: T; serverError?: ServerError; validationErrors?: FlattenedErrors }): ActionResult<T> {
  if (result.serverError) return { ok: false, error: result.serverError.message, code: result.serverError.code };
  if (result.validationErrors) {
    const { formErrors, fieldErrors } = result.validationErrors;
    const fields = Object.fromEntries(Object.entries(fieldErrors).filter((entry): entry is [string, string[]] => entry[1] !== undefined));
    return {
      ok: false,
      error: INVALID_INPUT_MESSAGE,
      code: "INVALID",
      fieldErrors: formErrors.length > 0 ? { ...fields, form: formErrors } : fields,
    };
  }
  return { ok: true, data: result.data as T };
}

/**
 * The action helpers, around a way to find the signed-in user (requireUser in the app, which
 * redirects to sign-in; a stand-in in tests). The session is checked before the input is even
 * parsed, so an anonymous request learns nothing about the schema and runs nothing.
 */
export function createActionHelpers(currentUser: () => Promise<ActingUser>) {
  const authActionClient = createSafeActionClient({
    defaultValidationErrorsShape: "flattened",
    // Next's redirect and not-found signals never get here: next-safe-action rethrows them.
    handleServerError: serverErrorOf,
  }).use(async ({ next }) => {
    const user = await currentUser();
    return next({ ctx: { user: { id: user.id, username: user.username } satisfies ActingUser } });
  });

  /**
   * A server action for a signed-in user: session check, zod parse of `schema`, then `body` with
   * the parsed input. The client's argument type is the schema's input type, so a client built
   * against another shape does not compile.
   */
  function authAction<S extends z.ZodType, T>(
    schema: S,
    body: (input: z.output<S>, user: ActingUser) => Promise<T>,
  ): (input: z.input<S>) => Promise<ActionResult<T>> {
    // next-safe-action's conditional types do not resolve for a schema that is still a type
    // parameter, hence the two casts; the signature above is what callers are checked against.
    const action = authActionClient.inputSchema(schema).action(async ({ parsedInput, ctx }) => body(parsedInput as z.output<S>, ctx.user));
    return async (input) => toActionResult(await action(input as never));
  }

  return { authAction };
}

export const { authAction } = createActionHelpers(requireUser);
