import "server-only";
import { createSafeActionClient } from "next-safe-action";
import type { z } from "zod";
import type { ActionResult, FormState } from "@/lib/types/actions";
import { requireUser } from "./auth";
import { FieldErrors, UserError } from "./errors";

/** Who an action runs for. Only these fields: the session layer decides what else a user has. */
export interface ActingUser {
  id: string;
  username: string;
}

export interface ServerError {
  message: string;
  code: string;
  /** Messages for particular fields (a FieldErrors). */
  fieldErrors?: Record<string, string[]>;
}

export const SERVER_ERROR_MESSAGE = "Something went wrong on the server, and nothing was saved. Please try again.";
export const INVALID_INPUT_MESSAGE = "Please check the highlighted fields.";

/**
 * What the user is told about an error thrown while handling an action: a UserError's message as
 * is; anything else is a bug, logged here and reported without details.
 */
export function serverErrorOf(error: unknown): ServerError {
  if (error instanceof FieldErrors) return { message: INVALID_INPUT_MESSAGE, code: error.code, fieldErrors: error.fields };
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
  if (result.serverError) {
    const { message, code, fieldErrors } = result.serverError;
    return fieldErrors ? { ok: false, error: message, code, fieldErrors } : { ok: false, error: message, code };
  }
  if (result.validationErrors) {
    const { formErrors, fieldErrors } = result.validationErrors;
    const fields = Object.fromEntries(
      Object.entries(fieldErrors).filter((entry): entry is [string, string[]] => entry[1] !== undefined),
    );
    return {
      ok: false,
      error: INVALID_INPUT_MESSAGE,
      code: "INVALID",
      fieldErrors: formErrors.length > 0 ? { ...fields, form: formErrors } : fields,
    };
  }
  return { ok: true, data: result.data as T };
}

/** The fields a form posted (text values only: files are not taken by any Mesa form). */
function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData.entries()) if (typeof value === "string") values[name] = value;
  return values;
}

/**
 * The action helpers, around a way to find the signed-in user (requireUser in the app, which
 * redirects to sign-in; a stand-in in tests). The session is checked before the input is even
 * parsed, so an anonymous request learns nothing about the schema and runs nothing.
 */
export function createActionHelpers(currentUser: () => Promise<ActingUser>) {
  const publicActionClient = createSafeActionClient({
    defaultValidationErrorsShape: "flattened",
    // Next's redirect and not-found signals never get here: next-safe-action rethrows them.
    handleServerError: serverErrorOf,
  });
  const authActionClient = publicActionClient.use(async ({ next }) => {
    const user = await currentUser();
    return next({ ctx: { user: { id: user.id, username: user.username } satisfies ActingUser } });
  });

  // Why next-safe-action stops at this file instead of reaching the components: it does the
  // server's part (session middleware, zod parse, one handleServerError policy), and its result is
  // turned here, once, into ActionResult, the discriminated union (`ok` true with data, or false
  // with error, code and field errors) that DESIGN.md's layers put between lib/server and
  // components. Its own grain (the useAction hooks, and SafeActionResult with data, serverError
  // and validationErrors each optional) would repeat the error policy in every client component,
  // make components depend on a server-side library's types, and add the hooks to the review
  // page's bundle, which DESIGN.md keeps from growing. Its conditional types also do not resolve
  // for a schema that is still a type parameter, hence the casts inside these helpers; their
  // signatures are what callers are checked against.

  /**
   * A server action for a signed-in user: session check, zod parse of `schema`, then `body` with
   * the parsed input. The client's argument type is the schema's input type, so a client built
   * against another shape does not compile.
   */
  function authAction<S extends z.ZodType, T>(
    schema: S,
    body: (input: z.output<S>, user: ActingUser) => Promise<T>,
  ): (input: z.input<S>) => Promise<ActionResult<T>> {
    const action = authActionClient
      .inputSchema(schema)
      .action(async ({ parsedInput, ctx }) => body(parsedInput as z.output<S>, ctx.user));
    return async (input) => toActionResult(await action(input as never));
  }

  /**
   * A form action for `useActionState`, with or without a session (`user` is null for the public
   * sign-in and sign-up forms). The form's text fields are parsed with `schema`; on failure the form
   * gets the result back with the fields named in `echo`, so what was typed is shown again.
   */
  function formAction<S extends z.ZodType, K extends string = never>(
    { signedIn, schema, echo = [] }: { signedIn: boolean; schema: S; echo?: readonly K[] },
    body: (input: z.output<S>, user: ActingUser | null) => Promise<void>,
  ): (previous: FormState<K>, formData: FormData) => Promise<FormState<K>> {
    const client = signedIn ? authActionClient : publicActionClient;
    const action = client
      .inputSchema(schema)
      .action(async ({ parsedInput, ctx }) => body(parsedInput as z.output<S>, "user" in ctx ? (ctx.user as ActingUser) : null));
    return async (_previous, formData: unknown) => {
      // A hand-made request can pass anything here ("$@1", a number): only a form's fields are
      // read, and anything else is parsed as an empty form, so the schema refuses it field by field.
      const values = formData instanceof FormData ? formValues(formData) : {};
      const result = toActionResult(await action(values as never));
      if (result.ok) return { ok: true, data: undefined };
      return { ...result, values: Object.fromEntries(echo.map((name) => [name, values[name] ?? ""])) as Record<K, string> };
    };
  }

  /**
   * A plain `<form action>` for a signed-in user that takes no input and ends in a redirect (sign
   * out). A failure is a bug: it is logged and shown by the error page.
   */
  function authSubmit(body: (user: ActingUser) => Promise<void>): () => Promise<void> {
    const action = authActionClient.action(async ({ ctx }) => body(ctx.user));
    return async () => {
      const result = await action();
      if (result?.serverError) throw new Error(result.serverError.message);
    };
  }

  return { authAction, formAction, authSubmit };
}

export const { authAction, formAction, authSubmit } = createActionHelpers(requireUser);
