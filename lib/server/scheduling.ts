import "server-only";
import type { SchedulingSettingsDTO } from "@/lib/types/settings";
import { isLeechAction, isNewCardOrder } from "@/lib/validation/scheduling-limits";
import type { SchedulingSettingsInput } from "@/lib/validation/scheduling";
import { read, write } from "./db";
import { NotFoundError } from "./errors";

/*
 * The scheduling settings. Nothing stored follows from them: a grade reads them when it is made,
 * so a change applies from the next grade. Recomputing existing due dates is the separate,
 * explicit reschedule (./reschedule.ts).
 */

const SCHEDULING_COLUMNS = {
  desiredRetention: true,
  learningSteps: true,
  relearningSteps: true,
  maximumIntervalDays: true,
  enableFuzz: true,
  newCardOrder: true,
  leechThreshold: true,
  leechAction: true,
} as const;

function dtoOf(row: Record<keyof typeof SCHEDULING_COLUMNS, unknown> & { newCardOrder: string; leechAction: string }) {
  return {
    ...(row as Omit<SchedulingSettingsDTO, "newCardOrder" | "leechAction">),
    newCardOrder: isNewCardOrder(row.newCardOrder) ? row.newCardOrder : "DECK",
    leechAction: isLeechAction(row.leechAction) ? row.leechAction : "TAG",
  } satisfies SchedulingSettingsDTO;
}

export async function getSchedulingSettings(userId: string): Promise<SchedulingSettingsDTO> {
  const row = await read((db) => db.user.findUnique({ where: { id: userId }, select: SCHEDULING_COLUMNS }));
  if (!row) throw new NotFoundError("User");
  return dtoOf(row);
}

/** Saves the acting user's scheduling settings (already validated by SchedulingSettingsSchema). */
export async function updateSchedulingSettings(userId: string, input: SchedulingSettingsInput): Promise<SchedulingSettingsDTO> {
  const row = await write((tx) => tx.user.update({ where: { id: userId }, data: input, select: SCHEDULING_COLUMNS }));
  return dtoOf(row);
}
