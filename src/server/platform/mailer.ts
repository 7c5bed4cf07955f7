import nodemailer from 'nodemailer';

export interface MailAttachment {
  filename: string;
  contentType: string;
  contentBase64: string;
}

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  attachments?: MailAttachment[] | undefined;
}

/** Sends one message over SMTP; throws when the server refuses or cannot be reached. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export function createSmtpMailer(smtpUrl: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl, {});
  return {
    async send(m) {
      await transport.sendMail({
        from: m.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        ...(m.html ? { html: m.html } : {}),
        attachments: (m.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.contentBase64, 'base64'),
        })),
      });
    },
    close: () => transport.close(),
  };
}

/** The sender address: the operator's name at the portal's own host. */
export function senderAddress(vendorName: string, publicUrl: string): string {
  const host = new URL(publicUrl).hostname;
  const domain = /^[\d.]+$/.test(host) || host.includes(':') ? 'localhost' : host;
  return `"${vendorName.replaceAll('"', '')}" <no-reply@${domain}>`;
}
