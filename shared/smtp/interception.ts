/**
 * Products that intercept TLS by re-signing server certificates with their own CA: antivirus
 * "mail shields" and corporate proxies. When such a name is in the issuer of an untrusted chain,
 * the likely cause is local interception, not the mail server.
 */
const PRODUCTS: ReadonlyArray<[RegExp, string]> = [
  [/avast/i, "Avast"],
  [/\bAVG\b/i, "AVG"],
  [/kaspersky/i, "Kaspersky"],
  [/\bESET\b/i, "ESET"],
  [/bitdefender/i, "Bitdefender"],
  [/norton|symantec/i, "Norton / Symantec"],
  [/mcafee|trellix/i, "McAfee / Trellix"],
  [/trend ?micro/i, "Trend Micro"],
  [/sophos/i, "Sophos"],
  [/fortinet|fortigate/i, "Fortinet FortiGate"],
  [/zscaler/i, "Zscaler"],
  [/palo ?alto/i, "Palo Alto Networks"],
  [/netskope/i, "Netskope"],
  [/blue ?coat|broadcom proxysg/i, "Blue Coat / ProxySG"],
  [/check ?point/i, "Check Point"],
  [/barracuda/i, "Barracuda"],
  [/watchguard/i, "WatchGuard"],
  [/cisco umbrella|opendns/i, "Cisco Umbrella"],
  [/forcepoint|websense/i, "Forcepoint"],
  [/\bF-Secure\b|withsecure/i, "WithSecure (F-Secure)"],
  [/G DATA/i, "G DATA"],
  [/dr\.?web/i, "Dr.Web"],
];

export function interceptionProduct(issuer: string): string | null {
  for (const [pattern, name] of PRODUCTS) if (pattern.test(issuer)) return name;
  return null;
}
