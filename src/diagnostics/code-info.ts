/** One documented diagnostic code: `svcgen explain` and the README's table are made from these. */
export interface CodeInfo {
  code: string;
  severity: "error" | "warning";
  /** One line: what it means. */
  title: string;
  /** Why svcgen says it and what to do, in a few sentences. */
  explain: string;
}
