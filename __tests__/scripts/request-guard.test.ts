import {
  BODY_LIMIT_BYTES,
  MESSAGES,
  ACTION_LIMITS_BYTES,
  UPLOAD_LIMITS_BYTES,
  checkActionBody,
  checkRequest,
  isSameOrigin,
} from "@/scripts/request-guard.cjs";

const post = (headers: Record<string, string>, url = "/review") => checkRequest({ method: "POST", url, headers });

describe("checkRequest", () => {
  it("lets reads through from anywhere, and refuses only a malformed %-encoding in the path", () => {
    expect(checkRequest({ method: "GET", url: "/quiz/abc?x=%zz", headers: {} })).toBeNull();
    expect(
      checkRequest({ method: "HEAD", url: "/cards/%E2%9C%93", headers: { origin: "https://elsewhere.example" } }),
    ).toBeNull();
    for (const url of ["/quiz/%E0%A4%A", "/cards/%", "/cards/%zz?ok=1"]) {
      expect(checkRequest({ method: "GET", url, headers: {} })).toEqual({ status: 400, message: MESSAGES.malformedPath });
    }
  });

  it("refuses a state change unless Origin names this host or, without Origin, Sec-Fetch-Site is same-origin", () => {
    const host = { host: "mesa.example:3000", "x-forwarded-proto": "http" };
    const refused = { status: 403, message: MESSAGES.crossSite };
    expect(post({ ...host, origin: "http://mesa.example:3000" })).toBeNull();
    expect(post({ ...host, "sec-fetch-site": "same-origin" })).toBeNull();
    expect(post(host)).toEqual(refused);
    expect(post({ ...host, "sec-fetch-site": "same-site" })).toEqual(refused);
    expect(post({ ...host, origin: "http://mesa.example:3001" })).toEqual(refused);
    expect(post({ ...host, origin: "http://evil.example" })).toEqual(refused);
    // A same-origin Sec-Fetch-Site does not excuse a foreign Origin.
    expect(post({ ...host, origin: "http://evil.example", "sec-fetch-site": "same-origin" })).toEqual(refused);
    expect(post({ ...host, origin: "null" })).toEqual(refused);
    expect(post({ ...host, origin: "not a url" })).toEqual(refused);
    expect(checkRequest({ method: "DELETE", url: "/", headers: host })).toEqual(refused);
  });

  it("compares hosts the way a browser writes Origin: default ports dropped, the proxy's host when one is trusted", () => {
    expect(isSameOrigin({ host: "mesa.example:443", "x-forwarded-proto": "https", origin: "https://mesa.example" })).toBe(true);
    expect(isSameOrigin({ host: "MESA.example", origin: "http://mesa.example" })).toBe(true);
    expect(
      isSameOrigin({
        host: "127.0.0.1:3000",
        "x-forwarded-host": "mesa.example",
        "x-forwarded-proto": "https",
        origin: "https://mesa.example",
      }),
    ).toBe(true);
    expect(isSameOrigin({ origin: "http://mesa.example" })).toBe(false);
  });

  it("refuses a declared body over the limit before reading it", () => {
    const headers = { host: "mesa.example", origin: "http://mesa.example" };
    expect(BODY_LIMIT_BYTES).toBe(64 * 1024);
    expect(post({ ...headers, "content-length": String(BODY_LIMIT_BYTES) })).toBeNull();
    expect(post({ ...headers, "content-length": String(BODY_LIMIT_BYTES + 1) })).toEqual({
      status: 413,
      message: MESSAGES.tooLarge,
    });
  });

  it("lets a backup restore carry up to its own limit, and only as a plain POST to its path", () => {
    const headers = { host: "mesa.example", origin: "http://mesa.example" };
    const limit = UPLOAD_LIMITS_BYTES["/api/restore"];
    expect(limit).toBe(100 * 1024 * 1024);
    const restore = (extra: Record<string, string>, url = "/api/restore") =>
      checkRequest({ method: "POST", url, headers: { ...headers, ...extra } });
    expect(restore({ "content-length": String(limit) })).toBeNull();
    expect(restore({ "content-length": String(limit + 1) })).toEqual({
      status: 413,
      message: "Request too large: this upload takes at most 100 MB.",
    });
    // A server action posted to the same path, another path, or a cross-site upload get the usual answers.
    expect(restore({ "content-length": String(BODY_LIMIT_BYTES + 1), "next-action": "7f16f7" })?.status).toBe(413);
    expect(restore({ "content-length": String(BODY_LIMIT_BYTES + 1) }, "/api/restore/x")?.status).toBe(413);
    expect(
      checkRequest({ method: "POST", url: "/api/restore", headers: { host: "mesa.example", origin: "http://evil.example" } })
        ?.status,
    ).toBe(403);
  });
});

describe("larger bodies by path", () => {
  const headers = { host: "mesa.example", origin: "http://mesa.example" };

  it("lets an Anki package upload carry up to 50 MB", () => {
    const limit = UPLOAD_LIMITS_BYTES["/api/import/apkg"];
    expect(limit).toBe(50 * 1024 * 1024);
    const upload = (length: number) =>
      checkRequest({
        method: "POST",
        url: "/api/import/apkg?name=deck.apkg",
        headers: { ...headers, "content-length": String(length) },
      });
    expect(upload(limit)).toBeNull();
    expect(upload(limit + 1)).toEqual({ status: 413, message: "Request too large: this upload takes at most 50 MB." });
  });

  it("lets the import page's server actions carry 12 MB, and other pages' actions 64 KiB", () => {
    const limit = ACTION_LIMITS_BYTES["/import"];
    expect(limit).toBe(12 * 1024 * 1024);
    const action = (url: string, length: number) =>
      checkRequest({ method: "POST", url, headers: { ...headers, "next-action": "7f16f7", "content-length": String(length) } });
    expect(action("/import", limit)).toBeNull();
    expect(action("/import?deck=1", limit)).toBeNull();
    expect(action("/import", limit + 1)).toEqual({ status: 413, message: "Request too large: this upload takes at most 12 MB." });
    expect(action("/review", BODY_LIMIT_BYTES + 1)).toEqual({ status: 413, message: MESSAGES.tooLarge });
    // A plain POST to the page is not an action: the usual limit.
    expect(
      checkRequest({ method: "POST", url: "/import", headers: { ...headers, "content-length": String(BODY_LIMIT_BYTES + 1) } })
        ?.status,
    ).toBe(413);
  });
});

describe("checkActionBody", () => {
  const action = { "next-action": "7f16f7", "content-type": "text/plain;charset=UTF-8" };
  const check = (body: string, headers: Record<string, string> = action) => checkActionBody(headers, Buffer.from(body));

  it("takes a JSON array of plain data, the encodings of escaped strings, undefined, dates and numbers included", () => {
    expect(check('[{"cardId":"c1","grade":3,"clientId":"abc-12345","expectedVersion":0,"durationMs":1200}]')).toBeNull();
    expect(check('[null, {"answer":"$$@1 typed by a user","note":"$undefined","at":"$D2026-03-07T12:00:00.000Z"}]')).toBeNull();
    expect(check('["$NaN","$Infinity","$-Infinity","$-0","$n12345678901234567890"]')).toBeNull();
  });

  it.each([
    ["not json{", MESSAGES.notJson],
    ['{"cardId":"c1"}', MESSAGES.notJson],
    ["", MESSAGES.notJson],
    ['["$@1"]', 'Bad request: a server action\'s arguments must be plain data; "$@1" refers to nothing in this request.'],
    [
      '[{"deep":[["$Q2"]]}]',
      'Bad request: a server action\'s arguments must be plain data; "$Q2" refers to nothing in this request.',
    ],
    ['["$1"]', 'Bad request: a server action\'s arguments must be plain data; "$1" refers to nothing in this request.'],
    ['["$"]', 'Bad request: a server action\'s arguments must be plain data; "$" refers to nothing in this request.'],
  ])("refuses the body %j with a 400", (body, message) => {
    expect(check(body)).toEqual({ status: 400, message });
  });

  it("leaves requests that are not one-part server actions to Next", () => {
    expect(check("not json{", { "content-type": "text/plain" })).toBeNull();
    expect(check('["$@1"]', { ...action, "content-type": "multipart/form-data; boundary=x" })).toBeNull();
  });

  it("walks deeply nested arguments without running out of stack", () => {
    const deep = `${"[".repeat(20_000)}"$@1"${"]".repeat(20_000)}`;
    expect(check(deep)?.status).toBe(400);
  });
});
