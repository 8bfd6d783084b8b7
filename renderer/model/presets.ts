import type { TlsMode } from "../../shared/contract/check-request";

/**
 * Submission servers of well-known providers, one click away in the form. Ports follow
 * RFC 8314 3.3 (465, implicit TLS) and RFC 6409 (587, submission with STARTTLS).
 * Data only: add a provider by adding a line.
 */
export interface ProviderPreset {
  id: string;
  /** Provider and product names are proper names: not translated. */
  name: string;
  host: string;
  port: number;
  tls: Exclude<TlsMode, "auto" | "none">;
  /** These servers only accept mail from logged-in users. */
  needsAuth: boolean;
}

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  { id: "gmail-587", name: "Gmail", host: "smtp.gmail.com", port: 587, tls: "starttls", needsAuth: true },
  { id: "gmail-465", name: "Gmail", host: "smtp.gmail.com", port: 465, tls: "implicit", needsAuth: true },
  { id: "google-relay", name: "Google Workspace relay", host: "smtp-relay.gmail.com", port: 587, tls: "starttls", needsAuth: false },
  { id: "m365", name: "Microsoft 365", host: "smtp.office365.com", port: 587, tls: "starttls", needsAuth: true },
  { id: "outlook", name: "Outlook.com", host: "smtp-mail.outlook.com", port: 587, tls: "starttls", needsAuth: true },
  { id: "yahoo", name: "Yahoo", host: "smtp.mail.yahoo.com", port: 465, tls: "implicit", needsAuth: true },
  { id: "icloud", name: "iCloud", host: "smtp.mail.me.com", port: 587, tls: "starttls", needsAuth: true },
  { id: "zoho", name: "Zoho", host: "smtp.zoho.com", port: 465, tls: "implicit", needsAuth: true },
  { id: "fastmail", name: "Fastmail", host: "smtp.fastmail.com", port: 465, tls: "implicit", needsAuth: true },
  { id: "ses", name: "Amazon SES (us-east-1)", host: "email-smtp.us-east-1.amazonaws.com", port: 587, tls: "starttls", needsAuth: true },
  { id: "sendgrid", name: "SendGrid", host: "smtp.sendgrid.net", port: 587, tls: "starttls", needsAuth: true },
  { id: "mailgun", name: "Mailgun", host: "smtp.mailgun.org", port: 587, tls: "starttls", needsAuth: true },
  { id: "postmark", name: "Postmark", host: "smtp.postmarkapp.com", port: 587, tls: "starttls", needsAuth: true },
];

export function presetById(id: string): ProviderPreset | undefined {
  return PROVIDER_PRESETS.find((preset) => preset.id === id);
}
