/**
 * A well-behaved SMTP dialogue for the scripted server, which hostile fixtures bend in one
 * place each (override rules come first, so the first match wins). Test-only code.
 */
import {
  close,
  collectData,
  send,
  startTls,
  type Reply,
  type Rule,
  type Script,
  type Step,
  type TlsConfig,
} from "./scripted-server";

export const SERVER_NAME = "mx.ehlo.test";
export const GREETING = `220 ${SERVER_NAME} ESMTP Ehlo fixture`;

export interface SmtpScriptOptions {
  /** What happens on connect; defaults to the standard 220 greeting. */
  greeting?: Reply;
  /** Rules tried before the standard dialogue. */
  rules?: Rule[];
  /** Offer STARTTLS and upgrade with this certificate (RFC 3207). */
  starttls?: TlsConfig;
  /** The AUTH keyword's mechanisms, e.g. "PLAIN LOGIN" (RFC 4954 3). Omitted: no AUTH. */
  auth?: string;
  /** Implicit TLS from the first byte (RFC 8314 3.3). */
  implicitTls?: TlsConfig;
  /** "\r\n" (RFC 5321 2.3.8) unless a fixture deliberately sends bare LF. */
  lineEnding?: "\r\n" | "\n";
}

/** Build the EHLO reply lines; the last line uses a space after the code (RFC 5321 4.2.1). */
export function ehloLines(options: { starttls: boolean; auth?: string | undefined }): string[] {
  const keywords = ["PIPELINING", "SIZE 10240000", "8BITMIME", "ENHANCEDSTATUSCODES"];
  if (options.starttls) keywords.push("STARTTLS");
  if (options.auth) keywords.push(`AUTH ${options.auth}`);
  keywords.push("SMTPUTF8");
  const all = [`${SERVER_NAME} greets you`, ...keywords];
  return all.map((text, i) => `250${i === all.length - 1 ? " " : "-"}${text}`);
}

/** Lines for a reply with a chosen line ending. */
export function lines(lineEnding: string, ...texts: string[]): Step {
  return send(texts.map((t) => `${t}${lineEnding}`).join(""));
}

/** The standard dialogue: EHLO/HELO, STARTTLS, MAIL, RCPT, DATA, RSET, NOOP, QUIT. */
export function standardRules(options: SmtpScriptOptions = {}): Rule[] {
  const eol = options.lineEnding ?? "\r\n";
  const say = (...texts: string[]): Step => lines(eol, ...texts);
  const tlsConfig = options.starttls;
  return [
    {
      match: "EHLO",
      reply: (ctx) => say(...ehloLines({ starttls: Boolean(tlsConfig) && !ctx.tls, auth: options.auth })),
    },
    { match: "HELO", reply: say(`250 ${SERVER_NAME}`) },
    {
      match: "STARTTLS",
      reply: (ctx) =>
        tlsConfig && !ctx.tls
          ? [say("220 2.0.0 Ready to start TLS"), startTls(tlsConfig)]
          : say("502 5.5.1 Error: command not implemented"),
    },
    { match: "AUTH", reply: say("503 5.5.1 Error: authentication not enabled") },
    { match: "MAIL FROM", reply: say("250 2.1.0 Ok") },
    { match: "RCPT TO", reply: say("250 2.1.5 Ok") },
    {
      match: "DATA",
      reply: [
        say("354 End data with <CR><LF>.<CR><LF>"),
        collectData(say("250 2.0.0 Ok: queued as FIXTURE1")),
      ],
    },
    { match: "RSET", reply: say("250 2.0.0 Ok") },
    { match: "NOOP", reply: say("250 2.0.0 Ok") },
    { match: "VRFY", reply: say("252 2.0.0 Cannot VRFY user") },
    { match: "QUIT", reply: [say("221 2.0.0 Bye"), close()] },
  ];
}

/** A complete script: greeting, the fixture's own rules, then the standard dialogue. */
export function smtpScript(options: SmtpScriptOptions = {}): Script {
  const eol = options.lineEnding ?? "\r\n";
  return {
    ...(options.implicitTls ? { tls: options.implicitTls } : {}),
    onConnect: options.greeting ?? lines(eol, GREETING),
    rules: [...(options.rules ?? []), ...standardRules(options)],
    otherwise: lines(eol, "500 5.5.2 Error: command not recognized"),
  };
}
