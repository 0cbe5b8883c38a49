// What a message may quote of a setting read from a service: a value whose name (or whose text, for a
// line of several NAME=value pairs) suggests a secret is left out, in import's and diff's messages alike,
// so that a password in a service's environment never reaches a terminal, a CI log or a spec.

/** Names whose values are not printed: passwords, tokens, keys, credentials. */
export const SECRET_NAME = /pass(word|wd|phrase)?|pwd|secret|token|api_?key|private_?key|credential|auth/i;

export const NOT_SHOWN = "(value not shown: a name in it suggests a secret)";

/** `text` for a message, or NOT_SHOWN when a name in it suggests a secret. */
export function shownText(text: string): string {
  return SECRET_NAME.test(text) ? NOT_SHOWN : text;
}
