/*
 * What the upload routes (a backup restore, an Anki package) share: the origin check and reading a
 * large body with a limit as it streams in. The start server checks both before Next
 * (scripts/request-guard.cjs); these cover `next dev` and anything that reaches the route otherwise.
 */

/**
 * Whether the request comes from one of this server's own pages: its Origin names the host the
 * request was sent to (as the start server decided the forwarding headers), or, without an Origin,
 * Sec-Fetch-Site says same-origin. The start server checks this before Next; this covers `next dev`.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return request.headers.get("sec-fetch-site") === "same-origin";
  const first = (value: string | null) => value?.split(",")[0].trim() || null;
  const url = new URL(request.url);
  const scheme = first(request.headers.get("x-forwarded-proto")) ?? url.protocol.replace(/:$/, "");
  const host = first(request.headers.get("x-forwarded-host")) ?? first(request.headers.get("host")) ?? url.host;
  try {
    // Through URL on both sides, so a default port written out (":443") compares equal to none.
    return origin !== "null" && new URL(origin).host === new URL(`${scheme}://${host}`).host;
  } catch {
    return false;
  }
}

/** The body, or null as soon as it passes the limit. */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array | null> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) return null;
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
