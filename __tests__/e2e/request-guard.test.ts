import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { signUp, useAppAndBrowser } from "../helpers/e2e";

/*
 * What the server in front of Next (scripts/start-server.cjs) refuses before the app sees it: a
 * state-changing request that does not come from one of Mesa's own pages, malformed server-action
 * bodies, bodies over the limit and addresses with a malformed %-encoding. Each refusal is a 4xx
 * with a message and the usual security headers, never a bare 500.
 */

jest.setTimeout(180_000);

const app = useAppAndBrowser();

/** The id Next gave an exported server action in this build. */
function actionId(name: string): string {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(__dirname, "../../.next/server/server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { exportedName?: string }> };
  const found = Object.entries(manifest.node).find(([, action]) => action.exportedName === name);
  if (!found) throw new Error(`No server action named ${name} in the build`);
  return found[0];
}

let cookie = "";
let cardId = "";

function reviewLogCount(): number {
  const db = new Database(app.server.databaseFile, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM "ReviewLog"').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await signUp(page, app.server.baseUrl, "Guarded");
  cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  await context.close();
  const db = new Database(app.server.databaseFile, { readonly: true });
  cardId = (db.prepare('SELECT "id" FROM "Card" WHERE "version" = 0 LIMIT 1').get() as { id: string }).id;
  db.close();
});

/** A grade as the review page sends it: a fetch server action with a JSON body. */
function postGrade(headers: Record<string, string>, clientId: string): Promise<Response> {
  return fetch(`${app.server.baseUrl}/review`, {
    method: "POST",
    headers: { cookie, "next-action": actionId("gradeCardAction"), "content-type": "text/plain;charset=UTF-8", ...headers },
    body: JSON.stringify([{ cardId, grade: 3, clientId, expectedVersion: 0, durationMs: 1200 }]),
  });
}

/** The headers every response carries, refusals included. */
function expectSecurityHeaders(response: Response): void {
  expect(response.headers.get("content-security-policy")).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
}

it("refuses a server action with neither a same-origin Origin nor Sec-Fetch-Site: same-origin, and applies nothing", async () => {
  const before = reviewLogCount();
  const foreign: Record<string, string>[] = [
    {},
    { origin: "https://elsewhere.example" },
    { origin: "null" },
    { "sec-fetch-site": "cross-site" },
  ];
  for (const headers of foreign) {
    const refused = await postGrade(headers, "refused-grade-1");
    expect(refused.status).toBe(403);
    expectSecurityHeaders(refused);
    expect(await refused.text()).toMatch(/^Refused: a request that changes data must come from a page of this Mesa server/);
  }
  expect(reviewLogCount()).toBe(before);

  // What a browser sends from Mesa's own page passes, either header being enough.
  expect((await postGrade({ "sec-fetch-site": "same-origin" }, "accepted-grade-1")).status).toBe(200);
  expect(reviewLogCount()).toBe(before + 1);
  const sameOrigin = await postGrade({ origin: app.server.baseUrl }, "accepted-grade-2");
  expect(sameOrigin.status).toBe(200);
  expect(await sameOrigin.text()).toMatch(/"code":"STALE"/);
});

it("answers malformed server-action bodies with a 400 and a message, not a 500", async () => {
  const post = (action: string, body: string) =>
    fetch(`${app.server.baseUrl}/sign-in`, {
      method: "POST",
      headers: { origin: app.server.baseUrl, "next-action": actionId(action), "content-type": "text/plain;charset=UTF-8" },
      body,
    });
  const notJson = await post("signInAction", "not json{");
  expect(notJson.status).toBe(400);
  expectSecurityHeaders(notJson);
  expect(await notJson.text()).toBe("Bad request: a server action's arguments must be a JSON array.\n");

  for (const body of ['["$@1"]', '[null, "$@1"]', '[{"cardId": "$Q2"}]', '{"not": "a list"}']) {
    const forged = await post("signInAction", body);
    expect([body, forged.status]).toEqual([body, 400]);
    expectSecurityHeaders(forged);
    expect(await forged.text()).toMatch(/^Bad request: a server action's arguments/);
  }
});

it("refuses a body over the limit with 413, whether its length is declared or streamed", async () => {
  const tenMegabytes = "a".repeat(10 * 1024 * 1024);
  const declared = await fetch(`${app.server.baseUrl}/review`, {
    method: "POST",
    headers: { cookie, origin: app.server.baseUrl, "next-action": actionId("gradeCardAction"), "content-type": "text/plain" },
    body: tenMegabytes,
  });
  expect(declared.status).toBe(413);
  expectSecurityHeaders(declared);
  expect(await declared.text()).toBe("Request too large: Mesa takes at most 64 KiB in one request.\n");

  const chunk = new TextEncoder().encode("a".repeat(16 * 1024));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < 640) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const streamed = await fetch(`${app.server.baseUrl}/review`, {
    method: "POST",
    headers: { cookie, origin: app.server.baseUrl, "next-action": actionId("gradeCardAction"), "content-type": "text/plain" },
    body: stream,
    duplex: "half",
  } as RequestInit);
  expect(streamed.status).toBe(413);
  expectSecurityHeaders(streamed);
});

it("lets the import page's actions carry a large text, up to that page's own limit, and no other page's", async () => {
  const notes = Array.from({ length: 3000 }, (_, n) => `Entry ${n}: what the ${n}th line of these long reading notes says.`).join(
    "\n",
  );
  const body = JSON.stringify([{ text: notes }]);
  expect(body.length).toBeGreaterThan(3 * 64 * 1024);
  const post = (address: string) =>
    fetch(`${app.server.baseUrl}${address}`, {
      method: "POST",
      headers: {
        cookie,
        origin: app.server.baseUrl,
        "next-action": actionId("previewImportTextAction"),
        "content-type": "text/plain",
      },
      body,
    });
  const preview = await post("/import");
  expect(preview.status).toBe(200);
  expect(await preview.text()).toContain("Entry 2999");
  expect((await post("/review")).status).toBe(413);
});

it.each(["/quiz/%E0%A4%A", "/cards/%", "/cards/abc%zz/history", "/quiz/%C0%AF"])(
  "answers the malformed address %s with a 400, a message and the security headers",
  async (address) => {
    const response = await fetch(`${app.server.baseUrl}${address}`, { headers: { cookie } });
    expect(response.status).toBe(400);
    expectSecurityHeaders(response);
    expect(await response.text()).toBe("Bad request: the address has a malformed %-encoding.\n");
  },
);
