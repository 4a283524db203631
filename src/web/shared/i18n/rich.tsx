import { Fragment, type ReactNode } from 'react';
import type { Placeholders } from './catalogue';
import { currentLocale, translate, type MessageKey } from './i18n';
import { messagesEn, type Messages } from './messages.en';

/**
 * `t` for a sentence with markup inside it: each `{name}` is filled with a React node (a bold name, a
 * link), so the translator still sees and orders the whole sentence. tRich('home.signedInAs',
 * { org: <b>Acme</b>, role: <b>Admin</b> }) → ["You are signed in to ", <b>Acme</b>, " as ", …].
 * A message with plural forms is chosen by a number given as `count` (written as `{count}` where the
 * text has it; a bold count goes in another placeholder: { count: 3, n: <b>3</b> }).
 */
export function tRich<K extends MessageKey>(key: K, values: Record<Placeholders<Messages[K]>, ReactNode>): ReactNode {
  const nodes = values as Record<string, ReactNode>;
  const count = typeof nodes.count === 'number' ? { count: nodes.count } : undefined;
  const template = translate(messagesEn[key], count, currentLocale());
  return template.split(/\{([^}]+)\}/).map((part, i) => <Fragment key={i}>{i % 2 === 1 ? (nodes[part] ?? `{${part}}`) : part}</Fragment>);
}
