import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Loads lib/server/clock.ts afresh with the given environment (it reads the variable once, at load). */
function loadClock(env: Record<string, string | undefined>): typeof import("@/lib/server/clock") {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete process.env[name];
  try {
    let clock: typeof import("@/lib/server/clock") | undefined;
    jest.isolateModules(() => {
      clock = jest.requireActual<typeof import("@/lib/server/clock")>("@/lib/server/clock");
    });
    return clock!;
  } finally {
    process.env = saved;
  }
}

describe("serverNow", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-clock-"));
  const file = path.join(dir, "offset");
  let warn: jest.SpiedFunction<typeof console.warn>;

  beforeEach(() => {
    warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is the real time when MESA_TEST_CLOCK_FILE is not set, even if a clock file exists", () => {
    fs.writeFileSync(file, String(86_400_000));
    const clock = loadClock({ MESA_TEST_CLOCK_FILE: undefined });
    const before = Date.now();
    const t = clock.serverNow().getTime();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
    expect(warn).not.toHaveBeenCalled();
  });

  it("adds the file's offset, re-read on every call, and says so loudly once", () => {
    fs.writeFileSync(file, String(2 * 86_400_000));
    const clock = loadClock({ MESA_TEST_CLOCK_FILE: file });
    const first = clock.serverNow().getTime() - Date.now();
    expect(first).toBeGreaterThan(2 * 86_400_000 - 1000);
    expect(first).toBeLessThanOrEqual(2 * 86_400_000);
    fs.writeFileSync(file, "-3600000\n");
    const second = clock.serverNow().getTime() - Date.now();
    expect(second).toBeGreaterThan(-3_600_000 - 1000);
    expect(second).toBeLessThanOrEqual(-3_600_000);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/MESA_TEST_CLOCK_FILE is set.*Never set it in production/);
  });

  it("refuses a malformed or missing clock file rather than running on the real time", () => {
    fs.writeFileSync(file, "tomorrow");
    const clock = loadClock({ MESA_TEST_CLOCK_FILE: file });
    expect(() => clock.serverNow()).toThrow(/whole number of milliseconds/);
    const missing = loadClock({ MESA_TEST_CLOCK_FILE: path.join(dir, "missing") });
    expect(() => missing.serverNow()).toThrow(/ENOENT/);
  });
});
