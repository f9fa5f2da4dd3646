/*
 * Input limits shared by the server's zod schemas and the forms that show them. zod-free on
 * purpose: a client component importing zod ships it to the browser, where its first parse probes
 * `new Function("")` and trips the Content-Security-Policy.
 */

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
