import type { CheckRequest, CheckSecrets } from "../contract/check-request";
import { InputError } from "./input-error";
import { isAsciiHostName, isIpv4, isIpv6, validateHeloName, validateMailbox, validateUserName } from "./validate";
import { assertWireSafe } from "./wire-guard";

/**
 * Checks everything user-typed that could reach the wire, before any connection is made
 * (architecture convention 3). Throws InputError naming the field; returns the cleaned request.
 */
export function validateCheckInput(req: CheckRequest, secrets: CheckSecrets = {}): CheckRequest {
  assertWireSafe("host", "host name", req.host);
  const host = req.host.trim().replace(/^\[(.*)\]$/, "$1");
  if (host === "") throw new InputError("host", "The host is empty. Enter a mail server name such as smtp.example.com, or an IP address.");
  if (/[\s/@]/.test(host) && !req.mx) {
    throw new InputError("host", `"${host}" is not a host name: it contains a space, a slash or an @. Enter a server such as smtp.example.com (use the MX option for a mail domain).`);
  }
  if (!isIpv4(host) && !isIpv6(host) && !isAsciiHostName(host) && !/^[^\s.]+(\.[^\s.]+)*\.?$/u.test(host)) {
    throw new InputError("host", `"${host}" is not a valid host name or IP address.`);
  }
  if (/^\d+(\.\d+){0,3}$/.test(host) && !isIpv4(host)) {
    throw new InputError("host", `"${host}" looks like an IPv4 address but is not a valid one (four numbers from 0 to 255).`);
  }
  if (req.connectAddress !== undefined && !isIpv4(req.connectAddress) && !isIpv6(req.connectAddress)) {
    throw new InputError("connectAddress", `"${req.connectAddress}" is not an IP address to connect to.`);
  }
  const helo = req.helo === undefined ? undefined : validateHeloName(req.helo);
  const from = req.from === undefined ? undefined : validateMailbox("from", req.from, true);
  const to = req.to.map((t) => validateMailbox("to", t));
  if (req.auth) {
    validateUserName(req.auth.user);
    const secret = req.auth.mechanism === "XOAUTH2" ? (secrets.token ?? secrets.password) : secrets.password;
    if (secret === undefined || secret === "") {
      throw new InputError("password", "Authentication was requested but no password (or token) was given.");
    }
    assertWireSafe("password", "password", secret);
  }
  if (req.send && to.length === 0) {
    throw new InputError("to", "Sending a test message needs at least one recipient address.");
  }
  return { ...req, host, helo, from, to };
}
