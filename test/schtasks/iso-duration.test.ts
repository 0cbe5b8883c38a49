import { describe, expect, it } from "vitest";
import { isoDuration } from "../../src/targets/schtasks/iso-duration.js";

describe("isoDuration (xs:duration for Task Scheduler)", () => {
  it.each([
    [0, "PT0S"],
    [1000, "PT1S"],
    [60_000, "PT1M"],
    [90_000, "PT1M30S"],
    [120_000, "PT2M"],
    [3_600_000, "PT1H"],
    [5_400_000, "PT1H30M"],
    [86_400_000, "P1D"],
    [31 * 86_400_000, "P31D"],
    [86_400_000 + 3_661_000, "P1DT1H1M1S"],
    [86_400_000 + 1000, "P1DT1S"],
    [500, "PT0.5S"],
    [1500, "PT1.5S"],
    [61_005, "PT1M1.005S"],
    [10, "PT0.01S"],
  ])("%i ms is %s", (ms, iso) => {
    expect(isoDuration(ms)).toBe(iso);
  });

  it("matches the xs:duration lexical form", () => {
    const XS_DURATION = /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
    for (let ms = 0; ms < 200_000_000; ms += 987_654) expect(isoDuration(ms)).toMatch(XS_DURATION);
  });

  it("refuses what is not a duration", () => {
    expect(() => isoDuration(-1)).toThrow();
    expect(() => isoDuration(1.5)).toThrow();
    expect(() => isoDuration(Number.NaN)).toThrow();
  });
});
