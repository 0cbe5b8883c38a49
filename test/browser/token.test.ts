import { describe, expect, it } from "vitest";
import { tokenLength } from "../../site/token.js";

// What the playground underlines for a diagnostic at a line and column.
const underlined = (line: string, at: number): string => line.slice(at, at + tokenLength(line, at));

describe("playground: a diagnostic's underline", () => {
  it("covers a key, a value, a quoted value, a flow item", () => {
    expect(underlined("  delay: 5 minutes   # soon", 2)).toBe("delay");
    expect(underlined("  delay: 5 minutes   # soon", 9)).toBe("5 minutes");
    expect(underlined('args: ["a, b", "c\\" d", x]', 7)).toBe('"a, b"');
    expect(underlined('args: ["a, b", "c\\" d", x]', 15)).toBe('"c\\" d"');
    expect(underlined('args: ["a, b", "c\\" d", x]', 24)).toBe("x");
    expect(underlined("restart: { policy: on-failure, delay: 5 minutes }", 38)).toBe("5 minutes");
    expect(underlined("restart: { policy: on-failure, delay: 5 minutes }", 31)).toBe("delay");
    expect(underlined("description: a, b", 13)).toBe("a, b");
    expect(underlined("name: 'it''s'", 6)).toBe("'it''s'");
    expect(underlined("executable: C:\\a#b", 12)).toBe("C:\\a#b");
    expect(underlined("x: [a#b, c]", 4)).toBe("a#b");
    expect(underlined("", 0)).toBe("");
  });
});
