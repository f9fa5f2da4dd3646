import fs from "node:fs";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchema } from "../../scripts/pg-schema";

/*
 * prisma/postgres/schema.prisma is generated from prisma/schema.prisma: a model changed on one
 * side only would give the two databases different tables.
 */
describe("the PostgreSQL schema", () => {
  const sqlite = fs.readFileSync(SQLITE_SCHEMA, "utf8");

  it("is what npm run db:pg-schema writes from prisma/schema.prisma (no drift)", () => {
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchema(sqlite));
  });

  it("has the postgresql provider and its own client, and keeps every model", () => {
    const schema = postgresSchema(sqlite);
    expect(schema).toMatch(/provider = "postgresql"/);
    expect(schema).not.toMatch(/"sqlite"/);
    expect(schema).toMatch(/output\s+= "..\/..\/lib\/generated\/prisma-pg"/);
    expect(schema).toMatch(/engineType\s+= "client"/);
    const models = (text: string) => [...text.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
    expect(models(schema)).toEqual(models(sqlite));
  });

  it("stores every DateTime as timestamptz, attributes and comments kept", () => {
    const schema = postgresSchema(sqlite);
    const dateTimes = schema.split("\n").filter((line) => /^\s+\w+\s+DateTime\??\s/.test(line) || /DateTime\??$/.test(line));
    expect(dateTimes.length).toBeGreaterThan(20);
    for (const line of dateTimes) expect(line).toMatch(/@db\.Timestamptz\(3\)/);
    expect(
      postgresSchema(
        sqlite.replace("  createdAt          DateTime @default(now())", "  createdAt DateTime @default(now()) // why"),
      ),
    ).toMatch(/createdAt DateTime @default\(now\(\)\) @db\.Timestamptz\(3\) \/\/ why/);
  });

  it("refuses a native type it has no translation for", () => {
    expect(() => postgresSchema(sqlite.replace("  username           String", "  username String @db.Text"))).toThrow(
      /native type/,
    );
  });
});
