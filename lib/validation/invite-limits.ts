/*
 * The invite form's choices and bounds, shared by the server's zod schema and the account page's
 * form. zod-free on purpose: the form is a client component, and zod in the browser trips the CSP.
 */

export const INVITE_DAYS = [1, 7, 30] as const;
export const INVITE_USES_MAX = 200;
