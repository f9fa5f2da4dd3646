import { NextResponse, type NextRequest } from "next/server";

/**
 * A Content-Security-Policy with a fresh nonce per request: scripts run only from this origin or
 * when Next tags them with the nonce (pages render per request, so the nonce reaches them).
 * Styles allow inline because React style attributes need it; scripts never do.
 */
function contentSecurityPolicy(nonce: string): string {
  const isDev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  // Next reads the nonce for its own scripts from the request-side policy header.
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Everything but build assets, which carry no HTML to protect (next.config.js still adds the
  // other security headers to them), and the two uploads, which answer JSON: Next hands a proxy a
  // copy of the request body cut at 10 MB (`proxyClientMaxBodySize`), and the route would then
  // read the cut copy of a backup or an Anki package. Their routes check origin and session themselves.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/restore|api/import/apkg).*)" }],
};
