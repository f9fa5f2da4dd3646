import { cookiesAreSecure, secureCookieDropped } from "@/lib/server/session-cookie";

describe("cookiesAreSecure", () => {
  it("is true in production unless MESA_COOKIE_SECURE=false", () => {
    expect(cookiesAreSecure({ NODE_ENV: "production" })).toBe(true);
    expect(cookiesAreSecure({ NODE_ENV: "production", MESA_COOKIE_SECURE: "false" })).toBe(false);
    expect(cookiesAreSecure({ NODE_ENV: "development" })).toBe(false);
  });
});

describe("secureCookieDropped", () => {
  it("is true for plain http to a LAN name or address", () => {
    expect(secureCookieDropped({ secure: true, protocol: "http", host: "mesa.lan:3000" })).toBe(true);
    expect(secureCookieDropped({ secure: true, protocol: "http", host: "192.168.1.20:3000" })).toBe(true);
    expect(secureCookieDropped({ secure: true, protocol: "HTTP", host: "[fe80::1]:3000" })).toBe(true);
  });

  it("is false over https, on loopback hosts, or when cookies are not Secure", () => {
    expect(secureCookieDropped({ secure: true, protocol: "https", host: "mesa.lan" })).toBe(false);
    for (const host of ["localhost:3000", "LOCALHOST", "mesa.localhost:3000", "127.0.0.1:3000", "127.1.2.3", "[::1]:3000"]) {
      expect(secureCookieDropped({ secure: true, protocol: "http", host })).toBe(false);
    }
    expect(secureCookieDropped({ secure: false, protocol: "http", host: "mesa.lan:3000" })).toBe(false);
  });
});
