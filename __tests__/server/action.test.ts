import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import { redirect } from "next/navigation";
import { z } from "zod";
import type { Card, User } from "@/lib/generated/prisma/client";
import { createActionHelpers, INVALID_INPUT_MESSAGE, SERVER_ERROR_MESSAGE, type ActingUser } from "@/lib/server/action";
import { disconnect } from "@/lib/server/db";
import { FieldErrors, UserError } from "@/lib/server/errors";
import { recordReview, STALE_GRADE_MESSAGE } from "@/lib/server/reviews";
import { GradeInputSchema } from "@/lib/validation/review";
import { cardRow, cardsOf, countRows, newClientId, newUser, schedulingFieldsOf, seedBuiltIn } from "../helpers/fixtures";

const NOW = new Date("2026-03-07T12:00:00Z");

let alice: User;
let card: Card;

beforeAll(async () => {
  await seedBuiltIn(NOW);
  alice = await newUser("alice", NOW);
  [card] = await cardsOf(alice.id);
});

afterAll(async () => {
  await disconnect();
});

afterEach(() => {
  jest.restoreAllMocks();
});

const signedIn = () => createActionHelpers(async () => alice);
// What requireUser does without a session.
const signedOut = () =>
  createActionHelpers(async () => {
    redirect("/sign-in");
  });

function gradeRequest(overrides: Partial<z.input<typeof GradeInputSchema>> = {}): z.input<typeof GradeInputSchema> {
  return { cardId: card.id, grade: 3, clientId: newClientId(), expectedVersion: 0, durationMs: 4000, ...overrides };
}

describe("authAction", () => {
  it("runs the body with the parsed input and only the acting user's id and username", async () => {
    const body = jest.fn(async (input: z.output<typeof GradeInputSchema>, user: ActingUser) => ({ input, user }));
    const action = signedIn().authAction(GradeInputSchema, body);

    // durationMs is capped by the schema's transform: the body sees the parsed value.
    const result = await action(gradeRequest({ durationMs: 60 * 60 * 1000 }));

    expect(body).toHaveBeenCalledTimes(1);
    expect(result).toEqual({
      ok: true,
      data: {
        input: expect.objectContaining({ cardId: card.id, durationMs: 10 * 60 * 1000 }),
        user: { id: alice.id, username: "alice" },
      },
    });
  });

  it("records a grade through the data layer and returns the card update", async () => {
    const action = signedIn().authAction(GradeInputSchema, (input, user) => recordReview(user.id, input, NOW));
    const before = await countRows();

    const result = await action(gradeRequest());

    const after = await cardRow(card.id);
    expect(result).toEqual({
      ok: true,
      data: { cardId: card.id, version: 1, scheduling: expect.any(Object), previews: expect.any(Array) },
    });
    expect(after?.version).toBe(1);
    expect((await countRows()).logs).toBe(before.logs + 1);
  });

  it("refuses a call without a session before parsing the input or running the body", async () => {
    const body = jest.fn(async () => "ran");
    const action = signedOut().authAction(GradeInputSchema, body);

    for (const input of [gradeRequest(), { nonsense: true } as never]) {
      const error = await action(input).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/sign-in;/) });
    }
    expect(body).not.toHaveBeenCalled();
  });

  it("refuses malformed input with a message per field and writes nothing", async () => {
    const before = await countRows();
    const row = await cardRow(card.id);
    const body = jest.fn((input: z.output<typeof GradeInputSchema>, user: ActingUser) => recordReview(user.id, input, NOW));
    const action = signedIn().authAction(GradeInputSchema, body);

    const result = await action({ cardId: card.id, grade: 7, clientId: "no", expectedVersion: -1 } as never);

    expect(result).toEqual({
      ok: false,
      error: INVALID_INPUT_MESSAGE,
      code: "INVALID",
      fieldErrors: {
        grade: [expect.any(String)],
        clientId: ["Malformed client id"],
        expectedVersion: [expect.any(String)],
        durationMs: [expect.any(String)],
      },
    });
    expect(body).not.toHaveBeenCalled();
    expect(await countRows()).toEqual(before);
    expect(schedulingFieldsOf((await cardRow(card.id))!)).toEqual(schedulingFieldsOf(row!));
  });

  it("passes a UserError's message and code through, and the refused grade changes nothing", async () => {
    const action = signedIn().authAction(GradeInputSchema, (input, user) => recordReview(user.id, input, NOW));
    const { version } = (await cardRow(card.id))!;
    expect(await action(gradeRequest({ expectedVersion: version }))).toMatchObject({ ok: true });
    const before = await countRows();

    expect(await action(gradeRequest({ cardId: "no-such-card" }))).toEqual({
      ok: false,
      error: "Card was not found.",
      code: "NOT_FOUND",
    });
    expect(await action(gradeRequest({ expectedVersion: version }))).toEqual({
      ok: false,
      error: STALE_GRADE_MESSAGE,
      code: "STALE",
    });
    expect(await countRows()).toEqual(before);
  });

  it("returns the messages of a FieldErrors beside their fields (the data layer's quality checks)", async () => {
    const action = signedIn().authAction(z.object({ term: z.string() }), async () => {
      throw new FieldErrors({ definition: ["The definition gives “Optimizer” away."], term: ["Already used."] });
    });
    expect(await action({ term: "Optimizer" })).toEqual({
      ok: false,
      error: INVALID_INPUT_MESSAGE,
      code: "INVALID",
      fieldErrors: { definition: ["The definition gives “Optimizer” away."], term: ["Already used."] },
    });
  });

  it("hides any other error behind a generic message and logs it on the server", async () => {
    const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const failure = new Error("SQLITE_CORRUPT: database disk image is malformed at /srv/mesa/mesa.db");
    const action = signedIn().authAction(GradeInputSchema, async () => {
      throw failure;
    });

    const result = await action(gradeRequest());

    expect(result).toEqual({ ok: false, error: SERVER_ERROR_MESSAGE, code: "SERVER" });
    expect(JSON.stringify(result)).not.toContain("SQLITE");
    expect(logged).toHaveBeenCalledWith(failure);
  });

  it("still throws Next's navigation signals from the body instead of reporting them as errors", async () => {
    const action = signedIn().authAction(z.object({}), async () => {
      redirect("/");
    });
    await expect(action({})).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/;/) });
  });

  it("treats a UserError thrown while looking up the session like any other refusal", async () => {
    const { authAction } = createActionHelpers(async () => {
      throw new UserError("Too many attempts. Try again in a minute.", "RATE_LIMITED");
    });
    const body = jest.fn(async () => "ran");
    expect(await authAction(z.object({}), body)({})).toEqual({
      ok: false,
      error: "Too many attempts. Try again in a minute.",
      code: "RATE_LIMITED",
    });
    expect(body).not.toHaveBeenCalled();
  });
});

function formDataOf(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe("formAction", () => {
  const NameSchema = z.object({ name: z.string().trim().min(3, "At least 3 characters"), secret: z.string().min(1, "Required") });

  it("parses the form's fields and runs the body; a public form runs without a session", async () => {
    const body = jest.fn(async () => undefined);
    const action = signedOut().formAction({ signedIn: false, schema: NameSchema, echo: ["name"] }, body);

    expect(await action(null, formDataOf({ name: "  ada ", secret: "x", extra: "ignored" }))).toEqual({
      ok: true,
      data: undefined,
    });
    expect(body).toHaveBeenCalledWith({ name: "ada", secret: "x" }, null);
  });

  it("answers bad fields with a message per field and echoes only the fields it names", async () => {
    const body = jest.fn(async () => undefined);
    const action = signedIn().formAction({ signedIn: false, schema: NameSchema, echo: ["name"] }, body);

    expect(await action(null, formDataOf({ name: "ab", secret: "" }))).toEqual({
      ok: false,
      error: INVALID_INPUT_MESSAGE,
      code: "INVALID",
      fieldErrors: { name: ["At least 3 characters"], secret: ["Required"] },
      values: { name: "ab" },
    });
    expect(body).not.toHaveBeenCalled();
  });

  it.each([
    ["a string", "$@1"],
    ["a promise", Promise.resolve(1)],
    ["nothing", undefined],
    ["a plain object", { name: "ada" }],
  ])(
    "answers a forged request that passes %s instead of the form with the field errors, never running the body",
    async (_what, forged) => {
      const body = jest.fn(async () => undefined);
      const action = signedOut().formAction({ signedIn: false, schema: NameSchema, echo: ["name"] }, body);
      expect(await action(null, forged as unknown as FormData)).toMatchObject({
        ok: false,
        code: "INVALID",
        fieldErrors: { name: [expect.any(String)], secret: [expect.any(String)] },
        values: { name: "" },
      });
      expect(body).not.toHaveBeenCalled();
    },
  );

  it("passes a UserError through with the echoed values, and hides any other error", async () => {
    jest.spyOn(console, "error").mockImplementation(() => undefined);
    const refusing = signedIn().formAction({ signedIn: false, schema: NameSchema, echo: ["name"] }, async () => {
      throw new UserError("That username is taken.", "CONFLICT");
    });
    expect(await refusing(null, formDataOf({ name: "alice", secret: "pw" }))).toEqual({
      ok: false,
      error: "That username is taken.",
      code: "CONFLICT",
      values: { name: "alice" },
    });
    const failing = signedIn().formAction({ signedIn: false, schema: NameSchema }, async () => {
      throw new Error("disk I/O error");
    });
    expect(await failing(null, formDataOf({ name: "alice", secret: "pw" }))).toEqual({
      ok: false,
      error: SERVER_ERROR_MESSAGE,
      code: "SERVER",
      values: {},
    });
  });

  it("checks the session first when the form is for signed-in users, and hands the body the acting user", async () => {
    const body = jest.fn(async () => undefined);
    const anonymous = signedOut().formAction({ signedIn: true, schema: NameSchema }, body);
    await expect(anonymous(null, formDataOf({ name: "ada", secret: "x" }))).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/sign-in;/),
    });
    expect(body).not.toHaveBeenCalled();

    await signedIn().formAction({ signedIn: true, schema: NameSchema }, body)(null, formDataOf({ name: "ada", secret: "x" }));
    expect(body).toHaveBeenCalledWith({ name: "ada", secret: "x" }, { id: alice.id, username: "alice" });
  });
});

describe("authSubmit", () => {
  it("runs the body for the signed-in user and lets its redirect through", async () => {
    const body = jest.fn(async () => {
      redirect("/sign-in");
    });
    await expect(signedIn().authSubmit(body)()).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/sign-in;/),
    });
    expect(body).toHaveBeenCalledWith({ id: alice.id, username: "alice" });
  });

  it("never runs the body without a session, and turns a failure into an error for the error page", async () => {
    const body = jest.fn(async () => undefined);
    await expect(signedOut().authSubmit(body)()).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT/) });
    expect(body).not.toHaveBeenCalled();

    jest.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(
      signedIn().authSubmit(async () => {
        throw new Error("disk I/O error");
      })(),
    ).rejects.toThrow(SERVER_ERROR_MESSAGE);
  });
});
