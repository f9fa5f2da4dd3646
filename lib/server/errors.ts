import "server-only";

/**
 * An error whose message is safe and useful to show the user. Anything else that escapes a DAL
 * function is a bug and is reported as a generic failure.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: "NOT_FOUND" | "STALE" | "INVALID" | "CONFLICT" | "RATE_LIMITED" | "UNAUTHORIZED" = "INVALID",
  ) {
    super(message);
    this.name = "UserError";
  }
}

export class NotFoundError extends UserError {
  constructor(what: string) {
    super(`${what} was not found.`, "NOT_FOUND");
  }
}

/** Refused input with a message for each field at fault: the form shows each beside its field. */
export class FieldErrors extends UserError {
  constructor(readonly fields: Record<string, string[]>) {
    super(Object.values(fields).flat()[0] ?? "Please check the highlighted fields.");
    this.name = "FieldErrors";
  }
}
