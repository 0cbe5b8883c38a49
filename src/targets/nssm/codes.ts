import type { CodeInfo } from "../../diagnostics/code-info.js";

export const codes: CodeInfo[] = [];
