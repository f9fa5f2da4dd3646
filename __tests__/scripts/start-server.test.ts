import { forwardedHeaders, insecureCookieWarning, parseArguments, trustedProxyCount } from "@/scripts/start-server.cjs";

describe("forwardedHeaders", () => {
  it("without trusted proxies, uses the socket's address and scheme whatever the client sent", () => {
    const headers = {
      host: "mesa.example",
      "x-forwarded-for": "1.2.3.4, 5.6.7.8",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "evil.example",
      "x-forwarded-port": "443",
      "x-real-ip": "9.9.9.9",
      forwarded: "for=9.9.9.9",
    };
    expect(forwardedHeaders(headers, { remoteAddress: "192.0.2.10", encrypted: false, trustedProxies: 0 })).toEqual({
      "x-forwarded-for": "192.0.2.10",
      "x-forwarded-proto": "http",
      "x-forwarded-host": undefined,
      "x-forwarded-port": undefined,
      "x-real-ip": undefined,
      forwarded: undefined,
    });
    expect(forwardedHeaders({}, { remoteAddress: "::1", encrypted: true, trustedProxies: 0 })["x-forwarded-proto"]).toBe("https");
  });

  it("gives every rotated X-Forwarded-For the same address when no proxy is trusted", () => {
    const seen = new Set(
      ["10.0.0.1", "10.0.0.2", "203.0.113.9, 10.0.0.3", ""].map(
        (xff) =>
          forwardedHeaders({ "x-forwarded-for": xff }, { remoteAddress: "198.51.100.4", encrypted: false, trustedProxies: 0 })[
            "x-forwarded-for"
          ],
      ),
    );
    expect([...seen]).toEqual(["198.51.100.4"]);
  });

  it("with N trusted proxies, takes the N-th hop from the right after the socket, ignoring what the client prepended", () => {
    // Client 203.0.113.9 spoofs 1.1.1.1; the proxy (socket 10.0.0.2) appended what it saw.
    const oneProxy = forwardedHeaders(
      { "x-forwarded-for": "1.1.1.1, 203.0.113.9", "x-forwarded-proto": "https", "x-forwarded-host": "mesa.example" },
      { remoteAddress: "10.0.0.2", encrypted: false, trustedProxies: 1 },
    );
    expect(oneProxy).toMatchObject({
      "x-forwarded-for": "203.0.113.9",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "mesa.example",
    });
    // Two proxies: a CDN appended the client, the local proxy appended the CDN.
    const twoProxies = forwardedHeaders(
      { "x-forwarded-for": "1.1.1.1, 203.0.113.9, 198.51.100.1" },
      { remoteAddress: "10.0.0.2", encrypted: false, trustedProxies: 2 },
    );
    expect(twoProxies["x-forwarded-for"]).toBe("203.0.113.9");
    expect(twoProxies["x-forwarded-proto"]).toBe("http");
  });

  it("with a trusted proxy but a request that bypassed it, falls back to the farthest hop it has", () => {
    expect(forwardedHeaders({}, { remoteAddress: "192.0.2.10", encrypted: false, trustedProxies: 1 })["x-forwarded-for"]).toBe(
      "192.0.2.10",
    );
  });
});

describe("start-server options", () => {
  it("reads -p/--port and -H/--hostname, falling back to PORT and HOSTNAME, then 3000", () => {
    expect(parseArguments(["-p", "8080", "-H", "127.0.0.1"], {})).toEqual({ port: 8080, hostname: "127.0.0.1" });
    expect(parseArguments(["--port=9000", "--hostname", "::"], {})).toEqual({ port: 9000, hostname: "::" });
    expect(parseArguments([], { PORT: "4000", HOSTNAME: "0.0.0.0" })).toEqual({ port: 4000, hostname: "0.0.0.0" });
    expect(parseArguments([], {})).toEqual({ port: 3000, hostname: undefined });
    expect(() => parseArguments(["-p"], {})).toThrow("-p needs a value");
    expect(() => parseArguments(["--port", "http"], {})).toThrow('Invalid port "http"');
    expect(() => parseArguments(["--turbo"], {})).toThrow('Unknown argument "--turbo"');
  });

  it("reads MESA_TRUSTED_PROXIES as a whole number", () => {
    expect(trustedProxyCount(undefined)).toBe(0);
    expect(trustedProxyCount(" 2 ")).toBe(2);
    expect(() => trustedProxyCount("yes")).toThrow("MESA_TRUSTED_PROXIES must be a whole number");
  });

  it("warns at start when Secure cookies would travel over plain http off loopback", () => {
    const lan = insecureCookieWarning({ hostname: undefined, port: 3000, env: {}, trustedProxies: 0 });
    expect(lan).toMatch(/every network interface/);
    expect(lan).toMatch(/MESA_COOKIE_SECURE=false/);
    expect(lan).toMatch(/https/);
    expect(
      insecureCookieWarning({ hostname: "0.0.0.0", port: 3000, env: { MESA_COOKIE_SECURE: "false" }, trustedProxies: 0 }),
    ).toBeNull();
    expect(insecureCookieWarning({ hostname: "127.0.0.1", port: 3000, env: {}, trustedProxies: 0 })).toBeNull();
    expect(insecureCookieWarning({ hostname: "0.0.0.0", port: 3000, env: {}, trustedProxies: 1 })).toBeNull();
  });
});
