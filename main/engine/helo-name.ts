import { hostname } from "node:os";
import { isAsciiHostName, isIpv6 } from "../../shared/smtp/validate";

/**
 * The name to announce in EHLO when the user gave none. RFC 5321 4.1.4: the client's fully
 * qualified domain name, or an address literal when it has none. A bare machine name like
 * "LAPTOP-12" is refused by many servers (Postfix reject_non_fqdn_helo_hostname), so we use the
 * local address of the connection instead.
 */
export function defaultHeloName(localAddress: string | undefined): string {
  const name = hostname();
  if (name.includes(".") && isAsciiHostName(name)) return name;
  if (!localAddress) return "[127.0.0.1]";
  const plain = localAddress.replace(/^::ffff:/, "");
  return isIpv6(plain) ? `[IPv6:${plain}]` : `[${plain}]`;
}
