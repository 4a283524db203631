/**
 * What a catalogue entry may be: a string with `{name}` placeholders, or plural forms chosen by
 * Intl.PluralRules from the `count` value ("one" and "other" always; "zero", "two", "few", "many"
 * where a language needs them). `{count}` in a form is written as a number in the reader's locale.
 */
export type PluralForms = { one: string; other: string } & Partial<Record<'zero' | 'two' | 'few' | 'many', string>>;
export type Message = string | PluralForms;
export type Catalogue = Readonly<Record<string, Message>>;

type Names<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Names<Rest> : never;

/** The placeholder names of one entry: `{name}` in a string; `count` plus any `{name}` in plural forms. */
export type Placeholders<M> = M extends string ? Names<M> : M extends PluralForms ? 'count' | Names<M[keyof M]> : never;
