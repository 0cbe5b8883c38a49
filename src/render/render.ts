import HandlebarsRuntime from "handlebars/runtime.js";
import { templates } from "./templates.generated.js";

type TemplateFn = (context: unknown) => string;
const runtime = HandlebarsRuntime as unknown as { template: (spec: unknown) => TemplateFn };
const cache = new Map<string, TemplateFn>();

/** Renders a precompiled template (templates/<name>.hbs). Values must already be encoded. */
export function render(name: string, context: unknown): string {
  let fn = cache.get(name);
  if (!fn) {
    const spec = (templates as Record<string, unknown>)[name];
    if (!spec) throw new Error(`internal: no template ${name}`);
    fn = runtime.template(spec);
    cache.set(name, fn);
  }
  return fn(context);
}
