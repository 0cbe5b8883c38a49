import { describe, expect, it } from "vitest";
import { detectTask } from "../../src/targets/schtasks/detect.js";
import { detectWinsw } from "../../src/targets/winsw/detect.js";
import { xmlRootName } from "../../src/targets/xml-root.js";

// detect runs on every file import is given: the root element's name, found in one pass. (A regular expression
// over the prolog backtracked exponentially on WinSW's own sample-allOptions.xml, whose comments precede a
// <configuration> root: found by the corpus test.)
describe("detecting WinSW and task XML by the root element", () => {
  it("skips a BOM, white space, the declaration, comments and processing instructions", () => {
    expect(xmlRootName('\uFEFF<?xml version="1.0"?>\r\n<!-- a -- b -->\n<?pi x?>\n<service>')).toBe("service");
    expect(detectWinsw("<!-- x --><service/>")).toEqual({});
    expect(detectTask('<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">')).toEqual({});
    expect(detectWinsw("<configuration><id>x</id></configuration>")).toBeUndefined();
    expect(detectWinsw("[Unit]\n<service>")).toBeUndefined();
    expect(detectTask("<!-- never closed <Task>")).toBeUndefined();
  });
  it("takes linear time over long comments before another root", () => {
    const text = `${"<!-- a comment -- with -- dashes -->\n  ".repeat(5000)}<configuration>`;
    const t = performance.now();
    expect(detectWinsw(text)).toBeUndefined();
    expect(detectTask(text)).toBeUndefined();
    expect(performance.now() - t).toBeLessThan(500);
  });
});
