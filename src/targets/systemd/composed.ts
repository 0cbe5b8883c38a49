import type { ServiceModel, SourceLoc, Text } from "../../model.js";

// Raw values that svcgen composes from several spec fields into one systemd setting. emit.ts writes
// them and check.ts judges them from this one composition: systemd reads the line as written, so a
// trailing backslash or blank that ends up in the middle of the line is harmless, and a limit applies
// to the whole value (a path's length), not to each field.

/** A run of the value: a spec field's text, or a separator svcgen adds (no field). */
export interface Piece {
  text: string;
  field?: string;
  at?: SourceLoc;
}

export interface Composed {
  /** How messages name the value: `the Description= line`. */
  setting: string;
  pieces: Piece[];
}

export const composedText = (c: Composed): string => c.pieces.map((p) => p.text).join("");

const piece = (t: Text, field: string, literal: (t: Text) => string): Piece => ({ text: literal(t), field, at: t.at });

/**
 * Description=: the display name, then " - " and the description when both are set; the description
 * alone when there is no display name. An empty description says nothing, and joined as "title - " its
 * trailing blank would be trimmed anyway.
 */
export function descriptionValue(model: ServiceModel, literal: (t: Text) => string): Composed {
  const title = piece(model.displayName, "displayName", literal);
  const description = model.description ? piece(model.description, "description", literal) : undefined;
  const pieces = !description?.text ? [title] : model.present.has("displayName") ? [title, { text: " - " }, description] : [description];
  return { setting: "the Description= line", pieces };
}

/** StandardOutput=/StandardError= path: the directory without trailing slashes, "/", the file name. */
export function logFileValue(model: ServiceModel, stream: "stdout" | "stderr", literal: (t: Text) => string): Composed {
  const logs = model.logs;
  if (!logs) throw new Error("internal: a log path without logs");
  const dir = piece(logs.directory, "logs.directory", literal);
  return {
    setting: `the ${stream === "stdout" ? "StandardOutput" : "StandardError"}= path`,
    pieces: [{ ...dir, text: dir.text.replace(/\/+$/, "") }, { text: "/" }, piece(logs[stream], `logs.${stream}`, literal)],
  };
}

/** A single field as its own setting (WorkingDirectory=). */
export function singleValue(setting: string, t: Text, field: string, literal: (t: Text) => string): Composed {
  return { setting, pieces: [piece(t, field, literal)] };
}

/**
 * The piece a problem at `index` of the composed text belongs to: the field whose characters are
 * there, or, at a separator, the next field (the previous one at the end).
 */
export function pieceAt(c: Composed, index: number): Piece & { field: string } {
  let offset = 0;
  let found = -1;
  for (let i = 0; i < c.pieces.length; i++) {
    const len = c.pieces[i]!.text.length;
    if (index < offset + len || i === c.pieces.length - 1) {
      found = i;
      break;
    }
    offset += len;
  }
  const fields = c.pieces.map((p, i) => ({ p, i })).filter(({ p }) => p.field !== undefined);
  const pick = fields.find(({ i }) => i >= found) ?? fields[fields.length - 1];
  if (!pick) throw new Error("internal: a composed value with no field");
  return pick.p as Piece & { field: string };
}
