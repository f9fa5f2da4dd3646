/** One invite on the account page. The link itself is shown once, when it is made. */
export interface InviteDTO {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  maxUses: number;
  uses: number;
  status: "active" | "expired" | "used up" | "revoked";
  decks: string[];
}

/** What the sign-up page says about an invite link before anyone signs up through it. */
export type InviteCheckDTO = { ok: true; invitedBy: string; decks: string[] } | { ok: false; reason: string };

/** A deck an invite can enrol people in. */
export interface InvitableDeckDTO {
  id: string;
  title: string;
}
