import { Type, type Static } from 'typebox';
import { Iso, PageOf } from './common.js';

export const MailMessage = Type.Object({
  id: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  status: Type.String(),
  createdAt: Iso,
});
export type MailMessage = Static<typeof MailMessage>;
/** Newest first (created_at, then id, descending). */
export const MailMessageList = PageOf(MailMessage);
