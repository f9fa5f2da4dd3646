import { Alert } from "@/components/ui/alert";

/**
 * Shown when the page came over plain http to a host other than localhost while session cookies
 * are Secure: the browser drops the cookie, so signing in would seem to work and then not stick.
 */
export function InsecureCookieWarning() {
  return (
    <div className="mb-6" data-testid="insecure-cookie-warning">
      <Alert>
        <p className="font-medium">Signing in will not stick on this address.</p>
        <p className="mt-1">
          This server marks its session cookie Secure, and your browser drops Secure cookies over plain http except on localhost:
          you would be signed out on the next click. Open Mesa over https, or, for a home network install, restart it with{" "}
          <code className="font-mono">MESA_COOKIE_SECURE=false</code>.
        </p>
      </Alert>
    </div>
  );
}
