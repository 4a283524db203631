import { Type, type Static } from 'typebox';
import { Iso, NextCursor } from './common.js';

export const MailMessage = Type.Object({
  id: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  status: Type.String(),
  createdAt: Iso,
});
export type MailMessage = Static<typeof MailMessage>;
export const MailMessageList = Type.Object({ items: Type.Array(MailMessage), nextCursor: NextCursor });
