import type { IncomingHttpHeaders } from "node:http";

export interface SocketFacts {
  remoteAddress: string | undefined;
  encrypted: boolean;
  trustedProxies: number;
}

export function forwardedHeaders(headers: IncomingHttpHeaders, socket: SocketFacts): Record<string, string | undefined>;
export function insecureCookieWarning(options: {
  hostname: string | undefined;
  port: number;
  env: Record<string, string | undefined>;
  trustedProxies: number;
}): string | null;
export function parseArguments(
  argv: string[],
  env: Record<string, string | undefined>,
): { port: number; hostname: string | undefined };
export function trustedProxyCount(value: string | undefined): number;
