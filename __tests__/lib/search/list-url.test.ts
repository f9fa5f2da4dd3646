import { cardHref, cardListHref, safeBackHref } from "@/lib/search/list-url";

describe("cardListHref", () => {
  it("leaves the defaults out and encodes the search", () => {
    expect(cardListHref({ q: "", sort: "due", dir: "asc", page: 1 })).toBe("/cards");
    expect(cardListHref({ q: 'prop:r<0.8 "a b"', sort: "r", dir: "desc", page: 3 })).toBe(
      "/cards?q=prop%3Ar%3C0.8+%22a+b%22&sort=r&dir=desc&page=3",
    );
  });

  it("gives a card's page the list to lead back to", () => {
    expect(cardHref("abc", "/cards?q=x&page=2")).toBe("/cards/abc?back=%2Fcards%3Fq%3Dx%26page%3D2");
  });
});

describe("safeBackHref", () => {
  it("takes the card browser's own addresses", () => {
    expect(safeBackHref("/cards")).toBe("/cards");
    expect(safeBackHref("/cards?q=prop%3Ar%3C0.8&page=2")).toBe("/cards?q=prop%3Ar%3C0.8&page=2");
  });

  it.each([
    ["another site", "https://example.org/cards?q=x"],
    ["a protocol-relative address", "//example.org/cards"],
    ["another path", "/account"],
    ["a path that only starts like it", "/cards/../account"],
    ["a longer path", "/cardsx?q=1"],
    ["a backslash", "/cards?\\\\example.org"],
    ["a control character", "/cards?q=\n"],
    ["javascript:", "javascript:alert(1)"],
    ["nothing", undefined],
    ["a list", ["/cards"]],
  ])("refuses %s", (_what, back) => {
    expect(safeBackHref(back)).toBeNull();
  });
});
