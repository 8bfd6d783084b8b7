import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isValidProviderPattern, matchProviderRules } from "./match-provider";
import type { ProviderReplyInput } from "./match-provider";
import { ACTORS } from "./types";
import type { Explanation, ProviderReplyRule } from "./types";

const rulesUrl = new URL("./data/provider-replies.json", import.meta.url);
const localesUrl = new URL("./locales/", import.meta.url);
const rules = JSON.parse(readFileSync(rulesUrl, "utf8")) as ProviderReplyRule[];

/**
 * Splits a reply as it comes off the wire (RFC 5321 4.2.1): every line repeats the code, "-" after
 * the code on all lines but the last. The enhanced code (RFC 3463, RFC 2034) is the token right
 * after the code; Cisco gateways prefix it with "#". The text is every line without code and
 * enhanced code, joined with single spaces.
 */
function parseReply(raw: string): ProviderReplyInput {
  const lines = raw.split(/\r?\n/);
  let code: number | null = null;
  let enhanced: string | null = null;
  const texts: string[] = [];
  lines.forEach((line, index) => {
    const m = /^(\d{3})([ -])(.*)$/.exec(line);
    if (m === null) throw new Error(`not a reply line: ${line}`);
    const [, lineCode, separator, rest] = m as unknown as [string, string, string, string];
    const last = index === lines.length - 1;
    if (separator !== (last ? " " : "-")) throw new Error(`bad continuation marker: ${line}`);
    if (code !== null && Number(lineCode) !== code) throw new Error(`code changes mid-reply: ${line}`);
    code = Number(lineCode);
    let text = rest;
    const token = /^#?([245]\.\d{1,3}\.\d{1,3})(?: +|$)/.exec(text);
    if (token !== null) {
      if (index === 0) enhanced = token[1] ?? null;
      text = text.slice(token[0].length);
    }
    if (text.trim() !== "") texts.push(text.trim());
  });
  if (code === null) throw new Error("empty reply");
  return { code, enhanced, text: texts.join(" ") };
}

const firstMatch = (raw: string): string | undefined => matchProviderRules(rules, parseReply(raw))[0]?.id;
const L = (...lines: string[]): string => lines.join("\n");

/** Real replies (from the sources recorded in the rules, with other addresses and session ids). */
const FIXTURES: [expected: string, reply: string][] = [
  ["gmail.5.1.1-no-such-user", L("550-5.1.1 The email account that you tried to reach does not exist. Please try", "550-5.1.1 double-checking the recipient's email address for typos or", "550-5.1.1 unnecessary spaces. Learn more at", "550 5.1.1 https://support.google.com/mail/answer/6596 d72si22370812qhc.8 - gsmtp")],
  ["gmail.5.2.1-account-inactive", "550 5.2.1 The email account that you tried to reach is disabled. Learn more at https://support.google.com/mail/?p=DisabledUser a1si2 - gsmtp"],
  ["gmail.4.2.2-inbox-full", L("452-4.2.2 The email account that you tried to reach is over quota. Please direct", "452-4.2.2 the recipient to", "452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp 7si2069406wrc.33 - gsmtp")],
  ["gmail.4.7.28-unusual-rate", L("421-4.7.28 Gmail has detected an unusual rate of unsolicited mail originating", "421-4.7.28 from your DKIM domain [example.com 15]. To protect our users from spam,", "421-4.7.28 mail sent from your domain has been temporarily rate limited. For more", "421 4.7.28 information, go to Email sender guidelines. q3si1 - gsmtp")],
  ["gmail.4.7.28-unusual-rate", "421 4.7.28 Gmail has detected an unusual rate of unsolicited mail containing one of your URL domains. To protect our users from spam, mail with the URL has been temporarily limited. - gsmtp"],
  ["gmail.4.7.0-unusual-rate", L("421-4.7.0 [216.194.173.80 15] Our system has detected an unusual rate of", "421-4.7.0 unsolicited mail originating from your IP address. To protect our", "421-4.7.0 users from spam, mail sent from your IP address has been temporarily", "421-4.7.0 rate limited. Please visit", "421-4.7.0 https://support.google.com/mail/?p=UnsolicitedRateLimitError to", "421 4.7.0 review our Bulk Email Senders Guidelines. p4si3522070uam.9 - gsmtp")],
  ["gmail.5.7.26-unauthenticated", L("550-5.7.26 This message does not have authentication information or fails to", "550-5.7.26 pass authentication checks. To best protect our users from spam, the", "550-5.7.26 message has been blocked. Please visit", "550-5.7.26 https://support.google.com/mail/answer/81126#authentication for more", "550 5.7.26 information. e99si513617itd.159 - gsmtp")],
  ["gmail.5.7.26-unauthenticated", L("550-5.7.26 This mail has been blocked because the sender is unauthenticated.", "550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.", "550 5.7.26 Authentication results: DKIM = did not pass SPF [example.org] with ip: [192.0.2.8] = did not pass. x1si2 - gsmtp")],
  ["gmail.5.7.1-dmarc-policy", L("550-5.7.1 Unauthenticated email from paypal.es is not accepted due to domain's", "550-5.7.1 DMARC policy. Please contact the administrator of paypal.es domain if", "550-5.7.1 this was a legitimate mail. Please visit", "550-5.7.1 https://support.google.com/mail/answer/2451690 to learn about the", "550 5.7.1 DMARC initiative. b8-v6si17138389wro.113 - gsmtp")],
  ["gmail.5.7.25-no-ptr", L("550-5.7.25 The sending IP does not match the IP address of the hostname specified", "550-5.7.25 in the pointer (PTR) record. For more information, go to Email sender", "550 5.7.25 guidelines. b2si3 - gsmtp")],
  ["gmail.5.7.8-bad-credentials", L("535-5.7.8 Username and Password not accepted. Learn more at", "535 5.7.8 http://support.google.com/mail/bin/answer.py?answer=14257 w141sm9291268oif.24 - gsmtp")],
  ["gmail.5.7.9-app-password-required", L("534-5.7.9 Application-specific password required. Learn more at", "534 5.7.9 https://support.google.com/accounts/answer/185833 c4sm2 - gsmtp")],
  ["gmail.5.4.5-daily-sending-limit", "550 5.4.5 Daily sending quota exceeded. x8sm1 - gsmtp"],
  ["gmail.5.7.0-starttls-required", "530 5.7.0 Must issue a STARTTLS command first. d72si22370812qhc.8 - gsmtp"],
  ["gmail.5.7.1-not-authorized-direct", L("550-5.7.1 [198.51.100.23] The IP you're using to send mail is not authorized to", "550-5.7.1 send email directly to our servers. Please use the SMTP relay at your", "550 5.7.1 service provider instead. Learn more at https://support.google.com/mail/?p=NotAuthorizedError h8si1 - gsmtp")],
  ["microsoft.5.7.606-banned-sending-ip", "550 5.7.606 Access denied, banned sending IP [199.250.222.182]. To request removal from this list please visit https://sender.office.com/ and follow the directions. For more information please go to http://go.microsoft.com/fwlink/?LinkID=526655 (AS16012609)"],
  ["microsoft.5.7.708-traffic-not-accepted", "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653"],
  ["microsoft.5.4.1-recipient-access-denied", "550 5.4.1 [trinik.lemon@dhs.ga.gov]: Recipient address rejected: Access denied [CY1GCC01FT007.eop-gcc01.prod.protection.outlook.com]"],
  ["microsoft.5.7.57-client-not-authenticated", "530 5.7.57 SMTP; Client was not authenticated to send anonymous mail during MAIL FROM [AM6PR0502CA0039.eurprd05.prod.outlook.com]"],
  ["microsoft.5.7.139-smtp-auth-disabled", "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information. [PH0PR07CA0001.namprd07.prod.outlook.com]"],
  ["microsoft.5.7.3-authentication-unsuccessful", "535 5.7.3 Authentication unsuccessful [YQZPR01CA0021.CANPRD01.PROD.OUTLOOK.COM 2024-04-13T15:44:48.786Z 08DC5BA2C153C1D0]"],
  ["microsoft.5.7.509-dmarc-reject", "550 5.7.509 Access denied, sending domain [COVERAGE.MINTPLAYER.COM] does not pass DMARC verification and has a DMARC policy of reject."],
  ["microsoft.5.1.10-recipient-not-found", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"],
  ["outlook.5.7.1-network-block-list", "550 5.7.1 Unfortunately, messages from [88.198.83.90] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [BN8NAM12FT066.eop-nam12.prod.protection.outlook.com 2023-05-22T11:57:51.362Z 08DB59E499E4A279]"],
  ["outlook.5.7.1-network-block-list", "550 5.7.1 Unfortunately, messages from [62.210.82.129] weren't sent. Please contact your Internet service provider since part of their network is on our block list (AS3140). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors."],
  ["microsoft.5.7.1-spamhaus-listed", "550 5.7.1 Service unavailable, Client host [3.211.34.40] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/[3.211.34.40] (AS16012611) [DM3NAM03FT051.eop-NAM03.prod.protection.outlook.com]"],
  ["exchange.5.7.54-unable-to-relay", "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain"],
  ["exchange.5.7.1-client-not-authenticated", "530 5.7.1 Client was not authenticated"],
  ["exchange.5.7.1-unable-to-relay", "550 5.7.1 Unable to relay for someone@example.net"],
  ["yahoo.4.7.0-tss04-deferred", "421 4.7.0 [TSS04] Messages from 198.51.100.4 temporarily deferred due to user complaints - 4.16.55.1; see https://help.yahoo.com/kb/postmaster/SLN3434.html"],
  ["yahoo.5.7.1-spamhaus-listed", "553 5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus XBL; see http://postmaster.yahoo.com/errors/550-bl23.html [550]"],
  ["yahoo.5.7.9-policy-reasons", "554 5.7.9 Message not accepted for policy reasons. See https://help.yahoo.com/kb/postmaster/SLN7253.html"],
  ["yahoo.554-no-such-account", "554 delivery error: dd This user doesn't have a yahoo.com account (testing123@yahoo.com) [-5] - mta123.mail.mud.yahoo.com"],
  ["icloud.4.7.1-excessive-volume", "421 4.7.1 Messages to jane@me.com deferred due to excessive volume. Try again later - https://support.apple.com/en-us/HT204137"],
  ["postfix.5.7.1-relay-access-denied", "554 5.7.1 <wedge@live.ca>: Relay access denied"],
  ["postfix.4.7.1-relay-access-denied", "454 4.7.1 <c.user@gmail.com>: Relay access denied"],
  ["postfix.5.1.1-unknown-local-recipient", "550 5.1.1 <chancerangelandstark@prongs.org>: Recipient address rejected: User unknown in local recipient table"],
  ["postfix.5.5.2-helo-not-fqdn", "504 5.5.2 <user-eddfaf3480>: Helo command rejected: need fully-qualified hostname"],
  ["postfix.450-client-hostname-unknown", "450 4.7.1 Client host rejected: cannot find your reverse hostname, [203.0.113.7]"],
  ["postfix.5.7.1-sender-login-mismatch", "553 5.7.1 <info@nyaltx.com>: Sender address rejected: not owned by user admin@nyaltx.pro"],
  ["postfix.5.5.1-auth-not-enabled", "503 5.5.1 Error: authentication not enabled"],
  ["postfix.5.7.8-authentication-failed", "535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6"],
  ["postfix.421-too-many-connections", "421 smtp.example.org Error: too many connections from 198.51.100.99"],
  ["postfix.5.7.1-spamhaus-listed", "554 5.7.1 Service unavailable; Client host [198.51.100.77] blocked using sbl-xbl.spamhaus.org; https://www.spamhaus.org/query/bl?ip=198.51.100.77"],
  ["postscreen.5.5.1-protocol-error", "550 5.5.1 Protocol error"],
  ["postgrey.450-greylisted", "450 4.2.0 <schaefer@alphanet.ch>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/alphanet.ch.html"],
  ["postgrey.450-greylisted", "450 4.7.1 <greylisted@strict-server.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/strict-server.com.html"],
  ["exim.550-sender-verify-failed", L("550-Verification failed for <tripwire@myhost>", "550-Unrouteable address", "550 Sender verify failed")],
  ["exim.550-relay-not-permitted", "550 relay not permitted"],
  ["exim.550-dnsbl-listed", "550 Rejected because 203.0.113.50 is in a black list at bl.spamcop.net"],
  ["exim.550-relay-needs-authentication", L("550-Please turn on SMTP Authentication in your mail client, or login to the", "550-IMAP/POP3 server before sending your message. (skyblock.life)", "550-[170.10.160.199]:51234 is not permitted to relay through this server without", "550 authentication.")],
  ["sendmail.5.7.1-relaying-denied-auth", "550 5.7.1 <info@bnl.co.uk>... Relaying denied. Proper authentication required."],
  ["sendmail.5.7.1-relaying-denied", "550 5.7.1 <user@anotherdomain.com>... Relaying denied. IP name lookup failed [198.51.100.3]"],
  ["sendmail.5.1.1-user-unknown", "550 5.1.1 <Callsteter@gmail.com>... User unknown"],
  ["amazonses.554-address-not-verified", "554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: noreply@example.com"],
  ["amazonses.454-throttling", "454 Throttling failure: Maximum sending rate exceeded."],
  ["mailgun.421-domain-not-allowed", "421 Domain sandboxe1164ceef2a340a89c348279b0dde46b.mailgun.org is not allowed to send: Sandbox subdomains are for test purposes only. Please add your own domain or add the address to authorized recipients in Account Settings."],
  ["proofpoint.5.7.0-blocked", "550 5.7.0 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=62.210.110.165: xxxxx@me.com"],
  ["mimecast.550-envelope-blocked", "550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550 [Xy1zAbC2DeF3]"],
  ["zoho.553-relaying-disallowed", "553 Relaying disallowed"],
  ["cisco.5.1.0-address-rejected", "550 #5.1.0 Address rejected eberl877@backproblems.com"],
  ["barracuda.554-reputation-blocked", L("554-Service unavailable; Client host [198.51.100.40] blocked using", "554-Barracuda Reputation;", "554 http://www.barracudanetworks.com/reputation/?r=1&ip=198.51.100.40")],
];

describe("provider reply rules (data/provider-replies.json)", () => {
  it("has at least 60 well-formed rules with unique ids", () => {
    expect(rules.length).toBeGreaterThanOrEqual(60);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.id, r.id).toMatch(/^[a-z0-9]+\.[a-z0-9.-]+$/);
      expect(r.code, r.id).toMatch(/^[245]\d\d$/);
      if (r.enhanced !== null) {
        expect(r.enhanced, r.id).toMatch(/^[245]\.\d{1,3}\.\d{1,3}$/);
        // RFC 3463 2: the enhanced class must agree with the basic code's first digit.
        expect(r.enhanced[0], r.id).toBe(r.code[0]);
      }
      for (const field of [r.provider, r.pattern, r.example, r.source]) expect(field.trim(), r.id).not.toBe("");
      expect(typeof r.differsFromIana, r.id).toBe("boolean");
      expect(r.actors.length, r.id).toBeGreaterThan(0);
      for (const actor of r.actors) expect(ACTORS, r.id).toContain(actor);
    }
  });

  it("covers the major providers and servers", () => {
    const providers = new Set(rules.map((r) => r.provider));
    for (const p of ["Gmail / Google Workspace", "Microsoft 365 / Exchange Online", "Outlook.com", "Yahoo / AOL", "iCloud Mail", "Postfix", "Exim", "Sendmail", "Microsoft Exchange Server (on-premises)"]) {
      expect(providers, p).toContain(p);
    }
  });

  it("compiles every pattern as a case-insensitive regular expression", () => {
    for (const r of rules) {
      expect(() => new RegExp(r.pattern, "i"), r.id).not.toThrow();
      expect(isValidProviderPattern(r.pattern), r.id).toBe(true);
    }
  });

  it("matches every rule's own example first, with the example's own codes", () => {
    for (const r of rules) {
      const reply = parseReply(r.example);
      expect(String(reply.code), r.id).toBe(r.code);
      if (r.enhanced !== null) expect(reply.enhanced, r.id).toBe(r.enhanced);
      expect(matchProviderRules(rules, reply)[0]?.id, r.id).toBe(r.id);
    }
  });

  it("does not match one provider's example with another provider's rule", () => {
    for (const r of rules) {
      const others = matchProviderRules(rules, parseReply(r.example)).filter((hit) => hit.provider !== r.provider);
      expect(others.map((o) => o.id), r.id).toEqual([]);
    }
  });

  it(`recognises ${FIXTURES.length} real reply texts`, () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(40);
    for (const [expected, raw] of FIXTURES) {
      expect(rules.some((r) => r.id === expected), expected).toBe(true);
      expect(firstMatch(raw), raw).toBe(expected);
    }
  });

  it("leaves ordinary replies unmatched", () => {
    expect(firstMatch("250 2.0.0 OK 1441269756 li14si9718740wic.1 - gsmtp")).toBeUndefined();
    expect(firstMatch("550 5.7.1 Message rejected")).toBeUndefined();
    expect(firstMatch("220 mx.example.com ESMTP Postfix (Debian/GNU)")).toBeUndefined();
  });
});

describe("matchProviderRules", () => {
  const rule = (id: string, enhanced: string | null, pattern: string): ProviderReplyRule => ({
    id, provider: "Test", code: "550", enhanced, pattern, example: "", differsFromIana: false, source: "test", actors: ["sender-admin"],
  });

  it("compares enhanced codes whole, not by prefix", () => {
    const set = [rule("t.26", "5.7.26", "blocked"), rule("t.2", "5.7.2", "blocked")];
    expect(matchProviderRules(set, { code: 550, enhanced: "5.7.26", text: "blocked" }).map((r) => r.id)).toEqual(["t.26"]);
    expect(matchProviderRules(set, { code: 550, enhanced: "5.7.2", text: "blocked" }).map((r) => r.id)).toEqual(["t.2"]);
    expect(matchProviderRules(set, { code: 550, enhanced: null, text: "blocked" })).toEqual([]);
  });

  it("requires the basic code to match", () => {
    expect(matchProviderRules([rule("t", null, "blocked")], { code: 554, enhanced: null, text: "blocked" })).toEqual([]);
  });

  it("puts enhanced-code rules first, then longer patterns, then data order", () => {
    const set = [rule("short", null, "blocked"), rule("long", null, "you are blocked here"), rule("enh", "5.7.1", "blocked"), rule("short2", null, "blocked")];
    const hits = matchProviderRules(set, { code: 550, enhanced: "5.7.1", text: "you are blocked here" });
    expect(hits.map((r) => r.id)).toEqual(["enh", "long", "short", "short2"]);
  });

  it("matches case-insensitively and across line breaks left in the text", () => {
    const set = [rule("t", null, "relay access denied$")];
    expect(matchProviderRules(set, { code: 550, enhanced: null, text: "RELAY ACCESS\r\nDENIED" }).map((r) => r.id)).toEqual(["t"]);
  });

  it("skips a rule whose pattern does not compile", () => {
    expect(isValidProviderPattern("(unclosed")).toBe(false);
    expect(matchProviderRules([rule("bad", null, "(unclosed")], { code: 550, enhanced: null, text: "(unclosed" })).toEqual([]);
  });
});

describe("provider reply explanations (locales/<lang>/provider-replies.json)", () => {
  const langs = readdirSync(localesUrl).filter((name) => statSync(new URL(`${name}/`, localesUrl)).isDirectory());
  const load = (lang: string): Record<string, Explanation> =>
    JSON.parse(readFileSync(new URL(`${lang}/provider-replies.json`, localesUrl), "utf8")) as Record<string, Explanation>;
  const FIELDS = ["title", "description", "whenSeen", "howToFix"] as const;

  it("finds the English and Arabic locales", () => {
    expect(langs).toEqual(expect.arrayContaining(["en", "ar"]));
  });

  it.each(langs)("%s explains exactly the rules, with no empty field", (lang) => {
    expect(existsSync(new URL(`${lang}/provider-replies.json`, localesUrl)), `${lang} lacks provider-replies.json`).toBe(true);
    const table = load(lang);
    expect(Object.keys(table).sort()).toEqual(rules.map((r) => r.id).sort());
    for (const r of rules) {
      for (const f of FIELDS) {
        expect(typeof table[r.id]?.[f], `${lang} ${r.id}.${f}`).toBe("string");
        expect(table[r.id]?.[f].trim(), `${lang} ${r.id}.${f}`).not.toBe("");
      }
    }
  });

  it.each(langs.filter((l) => l !== "en"))("%s is a translation, not a copy of English", (lang) => {
    const en = load("en");
    const table = load(lang);
    for (const r of rules) {
      for (const f of FIELDS) expect(table[r.id]?.[f], `${lang} ${r.id}.${f}`).not.toBe(en[r.id]?.[f]);
    }
  });

  it("writes Arabic in Arabic script while keeping codes and product names in Latin", () => {
    const ar = load("ar");
    for (const r of rules) {
      for (const f of FIELDS) expect(ar[r.id]?.[f], `${r.id}.${f}`).toMatch(/[\u0621-\u064A]/);
      // Titles name the provider or product in Latin script (Gmail, Postfix, SPF …), as in English.
      expect(ar[r.id]?.title, r.id).toMatch(/[A-Za-z]/);
    }
  });
});
