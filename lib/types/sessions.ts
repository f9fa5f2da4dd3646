/** Who is signed in, as every page and action sees it (never the database row). */
export interface SessionUser {
  id: string;
  username: string;
  timeZone: string;
  /** The current session's id (its row, not the cookie's token). */
  sessionId: string;
}

/** One signed-in browser, as the account page lists it. */
export interface SessionDTO {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** A short description from the user agent, e.g. "Firefox on Linux". */
  browser: string;
  current: boolean;
}
