import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

export interface Refusal {
  status: number;
  message: string;
}

export const BODY_LIMIT_BYTES: number;
export const ACTION_LIMITS_BYTES: Readonly<Record<string, number>>;
export const UPLOAD_LIMITS_BYTES: Readonly<Record<string, number>>;
export const MESSAGES: Record<"malformedPath" | "crossSite" | "tooLarge" | "notJson", string>;
export function checkRequest(request: { method?: string; url?: string; headers: IncomingHttpHeaders }): Refusal | null;
export function checkActionBody(headers: IncomingHttpHeaders, body: Buffer): Refusal | null;
export function isSameOrigin(headers: IncomingHttpHeaders): boolean;
export function guardRequest(req: IncomingMessage, res: ServerResponse): Promise<IncomingMessage | null>;
