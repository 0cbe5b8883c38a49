// Built by scripts/build-site.mjs: every fixtures/<name>/service.yaml.
declare module "virtual:examples" {
  const examples: { name: string; text: string }[];
  export default examples;
}
