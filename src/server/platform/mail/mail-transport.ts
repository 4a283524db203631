import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * Bounds on one SMTP conversation, set explicitly because nodemailer's defaults (2 min to connect,
 * 10 min of silence) would let a hung server hold an outbox row for longer than its lease. The
 * whole send is cut at SEND_TIMEOUT_MS whatever the server does.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;
export const SEND_TIMEOUT_MS = 60_000;

export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS });
  return {
    async send(mail) {
      await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
    },
    close: () => transporter.close(),
  };
}
