/** What a server action returns: data, or a message to show the user. */
export type ActionResult<T = undefined> =
  { ok: true; data: T } | { ok: false; error: string; code?: string; fieldErrors?: Record<string, string[]> };

/**
 * What a form action (useActionState) answers: nothing yet, a success, or a failure with the
 * values of the fields it echoes (what was typed, so the form can show it again).
 */
export type FormState<K extends string = never> =
  | { ok: true; data: undefined }
  | { ok: false; error: string; code?: string; fieldErrors?: Record<string, string[]>; values?: Record<K, string> }
  | null;
