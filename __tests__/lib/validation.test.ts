import { PASSWORD_MAX, PASSWORD_MIN, SignedOutSchema, SignInSchema, SignUpSchema } from "@/lib/validation/auth";
import { COMMON_PASSWORD_MESSAGE, PASSWORD_IS_USERNAME_MESSAGE, REPEATED_PASSWORD_MESSAGE } from "@/lib/validation/password";
import { GradeInputSchema, UndoInputSchema } from "@/lib/validation/review";

const signUp = (fields: Record<string, unknown>) =>
  SignUpSchema.safeParse({ username: "ada", password: "vellum-orbit-42", ...fields });

/** The messages the sign-up form shows beside the password field. */
const passwordErrors = (password: string, username = "ada") => {
  const result = signUp({ username, password });
  return result.success ? [] : result.error.issues.filter((issue) => issue.path[0] === "password").map((issue) => issue.message);
};

describe("SignUpSchema", () => {
  it("refuses a 7-character password and accepts 8", () => {
    expect(PASSWORD_MIN).toBe(8);
    expect(signUp({ password: "tq9vmw2" }).success).toBe(false);
    expect(signUp({ password: "tq9vmw2k" }).success).toBe(true);
  });

  it("accepts a 256-character password and refuses 257", () => {
    expect(PASSWORD_MAX).toBe(256);
    expect(signUp({ password: "xy".repeat(128) }).success).toBe(true);
    expect(signUp({ password: `${"xy".repeat(128)}z` }).success).toBe(false);
  });

  it.each(["password", "12345678", "Password", "QWERTYUIOP", "iloveyou", "trustno1", "baseball"])(
    "refuses the common password %j beside the password field",
    (password) => {
      expect(passwordErrors(password)).toEqual([COMMON_PASSWORD_MESSAGE]);
    },
  );

  it.each(["        ", "aaaaaaaaaa", "0000000000000"])("refuses the repeated character %j", (password) => {
    expect(passwordErrors(password)).toEqual([REPEATED_PASSWORD_MESSAGE]);
  });

  it("refuses a password equal to the username, whatever its case", () => {
    expect(passwordErrors("Lovelace1815", "lovelace1815")).toEqual([PASSWORD_IS_USERNAME_MESSAGE]);
    expect(passwordErrors("lovelace1815", "  Lovelace1815 ")).toEqual([PASSWORD_IS_USERNAME_MESSAGE]);
    expect(passwordErrors("lovelace1815!", "lovelace1815")).toEqual([]);
  });

  it("accepts passwords that are long or uncommon, spaces included", () => {
    expect(passwordErrors("correct horse battery")).toEqual([]);
    expect(passwordErrors("vellum-orbit-42")).toEqual([]);
    expect(passwordErrors("  spaced password  ")).toEqual([]);
  });

  it("keeps the password exactly as typed (no trimming)", () => {
    const result = signUp({ password: "  spaced password  " });
    expect(result.success && result.data.password).toBe("  spaced password  ");
  });

  it.each(["ada lovelace", "ada@home", "ädа", "a/b", "<script>", "ab", "a".repeat(33)])("refuses the username %j", (username) => {
    expect(signUp({ username }).success).toBe(false);
  });

  it.each(["ada", "Ada_Lovelace", "a.b-c_9", "a".repeat(32)])("accepts the username %j", (username) => {
    expect(signUp({ username }).success).toBe(true);
  });

  it("trims the username", () => {
    const result = signUp({ username: "  ada  " });
    expect(result.success && result.data.username).toBe("ada");
  });

  it("keeps a known time zone and falls back to UTC for an unknown or missing one", () => {
    const zoneOf = (timeZone: unknown) => {
      const result = signUp({ timeZone });
      if (!result.success) throw new Error(result.error.message);
      return result.data.timeZone;
    };
    expect(zoneOf("Europe/London")).toBe("Europe/London");
    expect(zoneOf("America/New_York")).toBe("America/New_York");
    expect(zoneOf("Mars/Olympus_Mons")).toBe("UTC");
    expect(zoneOf("")).toBe("UTC");
    expect(zoneOf(undefined)).toBe("UTC");
  });
});

describe("SignInSchema", () => {
  it("requires both fields and caps the password length", () => {
    expect(SignInSchema.safeParse({ username: "ada", password: "whatever" }).success).toBe(true);
    expect(SignInSchema.safeParse({ username: "  ", password: "whatever" }).success).toBe(false);
    expect(SignInSchema.safeParse({ username: "ada", password: "" }).success).toBe(false);
    expect(SignInSchema.safeParse({ username: "ada", password: "x".repeat(257) }).success).toBe(false);
  });
});

describe("GradeInputSchema", () => {
  const valid = { cardId: "card-1", grade: 3, clientId: "abcdEFGH-1234_xyz", expectedVersion: 0, durationMs: 4200 };
  const parse = (fields: Record<string, unknown>) => GradeInputSchema.safeParse({ ...valid, ...fields });

  it("accepts a well-formed grade", () => {
    expect(parse({})).toEqual({ success: true, data: valid });
  });

  it.each([0, 5, 2.5, "3", null])("refuses the grade %j", (grade) => {
    expect(parse({ grade }).success).toBe(false);
  });

  it.each([1, 2, 3, 4])("accepts the grade %i", (grade) => {
    expect(parse({ grade }).success).toBe(true);
  });

  it.each([1.5, -1, "0", Number.NaN])("refuses the expected version %j", (expectedVersion) => {
    expect(parse({ expectedVersion }).success).toBe(false);
  });

  it.each(["short", "has space in it", "semi;colon-123", "x".repeat(65), ""])("refuses the client id %j", (clientId) => {
    expect(parse({ clientId }).success).toBe(false);
  });

  it("caps the duration at 10 minutes and refuses negative or absurd durations", () => {
    const durationOf = (durationMs: number) => {
      const result = parse({ durationMs });
      return result.success ? result.data.durationMs : "refused";
    };
    expect(durationOf(0)).toBe(0);
    expect(durationOf(599_999)).toBe(599_999);
    expect(durationOf(600_000)).toBe(600_000);
    expect(durationOf(45 * 60_000)).toBe(600_000);
    expect(durationOf(-1)).toBe("refused");
    expect(durationOf(1.5)).toBe("refused");
    expect(durationOf(25 * 60 * 60_000)).toBe("refused");
  });

  it("refuses an empty or overlong card id", () => {
    expect(parse({ cardId: "" }).success).toBe(false);
    expect(parse({ cardId: "c".repeat(65) }).success).toBe(false);
  });
});

describe("UndoInputSchema", () => {
  it("takes a well-formed client id only", () => {
    expect(UndoInputSchema.safeParse({ clientId: "abcdEFGH-1234" }).success).toBe(true);
    expect(UndoInputSchema.safeParse({ clientId: "bad id" }).success).toBe(false);
  });
});

describe("SignedOutSchema", () => {
  it("takes the two sign-outs the sign-in page confirms, and ignores anything else", () => {
    expect(SignedOutSchema.parse("here")).toBe("here");
    expect(SignedOutSchema.parse("everywhere")).toBe("everywhere");
    expect(SignedOutSchema.parse(undefined)).toBeUndefined();
    expect(SignedOutSchema.parse(["here", "here"])).toBeUndefined();
    expect(SignedOutSchema.parse("<script>")).toBeUndefined();
  });
});
