import fs from "node:fs";
import path from "node:path";
import { seedBuiltInDecks } from "@/lib/server/decks";
import { disconnect } from "@/lib/server/db";

/** Loads prisma/decks/*.md into the database. Safe to run on every start. */
export function readBuiltInDeckFiles(dir = path.join(__dirname, "decks")): { name: string; text: string }[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), "utf8") }));
}

/**
 * MESA_EXTRA_DECKS_DIR names a folder of more deck files to load as built-in decks (a deck being
 * written, or a test server's extra deck); their links are checked with the others.
 */
function extraDeckFiles(): { name: string; text: string }[] {
  const dir = process.env.MESA_EXTRA_DECKS_DIR;
  return dir ? readBuiltInDeckFiles(path.resolve(dir)) : [];
}

async function main() {
  const report = await seedBuiltInDecks([...readBuiltInDeckFiles(), ...extraDeckFiles()], new Date());
  await disconnect();
  console.log(
    `Seeded ${report.decks} deck(s), ${report.concepts} concepts (${report.renamed} renamed, ${report.retired} retired); ${report.cardsCreated} new cards for enrolled users.`,
  );
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
