#!/usr/bin/env bash
# shellcheck disable=SC2016 # Postfix $variables ($myhostname, ...) go to postconf unexpanded.
# Start (or refresh) a real Postfix bound to loopback for Ehlo's integration tests.
#
# Used the same way by developers and by CI (.ci/run). Safe to run again: settings are applied
# with postconf (idempotent), certificates are only regenerated when missing or close to expiry,
# and a running Postfix is reloaded rather than started twice.
#
# What the tests can rely on afterwards (see main/testing/postfix.ts):
#   127.0.0.1:25   smtp        STARTTLS offered (smtpd_tls_security_level=may)
#   127.0.0.1:587  submission  STARTTLS required: MAIL before it gets 530 5.7.0
#   127.0.0.1:465  submissions implicit TLS (RFC 8314 section 3.3)
#   alice@ehlo.test accepted; nobody@ehlo.test 550 5.1.1; someone@example.org 554 5.7.1
#
# Guard: it refuses to reconfigure a Postfix it did not configure itself (marker line in main.cf)
# unless CI=true or EHLO_POSTFIX_OK=1.
set -euo pipefail

export PATH="$PATH:/usr/sbin:/sbin"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
gen="$here/generated"
marker='# ehlo-test-postfix: managed by .ci/postfix/start.sh (Ehlo test server, loopback only)'
main_cf=/etc/postfix/main.cf
tls_dir=/etc/postfix/ehlo-test
recipients_file="$tls_dir/local-recipients"
log_file=/var/log/postfix-ehlo.log
server_name=mx.ehlo.test

say() { printf 'postfix: %s\n' "$*"; }
die() {
  printf 'postfix: ERROR: %s\n' "$1" >&2
  shift
  [ "$#" -eq 0 ] || printf '         %s\n' "$@" >&2
  exit 1
}

# Root is needed for apt, useradd and Postfix itself; certificates are generated as the caller so
# the files in the working tree stay theirs.
if [ "$(id -u)" -eq 0 ]; then
  as_root() { "$@"; }
elif command -v sudo >/dev/null 2>&1; then
  as_root() { sudo "$@"; }
else
  die "this script needs root (or sudo) to install and configure Postfix"
fi

is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# ---------------------------------------------------------------------------------------------
# 1. Packages
# ---------------------------------------------------------------------------------------------
installed_postfix_now=0
missing=()
for pkg in postfix openssl swaks; do
  is_installed "$pkg" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]} with apt-get"
  is_installed postfix || installed_postfix_now=1
  # "No configuration" keeps the package from writing an Internet Site main.cf or asking questions.
  echo 'postfix postfix/main_mailer_type select No configuration' | as_root debconf-set-selections
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Use-Pty=0 "${missing[@]}" >/dev/null
fi
command -v postconf >/dev/null 2>&1 || die "postconf not found after installing postfix"

# ---------------------------------------------------------------------------------------------
# 2. Ownership guard
# ---------------------------------------------------------------------------------------------
if [ -f "$main_cf" ] && ! grep -qxF "$marker" "$main_cf"; then
  if [ "$installed_postfix_now" = 1 ] || [ "${CI:-}" = true ] || [ "${EHLO_POSTFIX_OK:-}" = 1 ]; then
    say "taking over $main_cf (backup in $main_cf.before-ehlo)"
    [ -e "$main_cf.before-ehlo" ] || as_root cp -p "$main_cf" "$main_cf.before-ehlo"
    [ -e /etc/postfix/master.cf.before-ehlo ] || as_root cp -p /etc/postfix/master.cf /etc/postfix/master.cf.before-ehlo
  else
    die "Postfix on this machine was not configured by .ci/postfix/start.sh" \
      "($main_cf has no Ehlo marker line). This script would rewrite its configuration" \
      "(loopback only, test domain ehlo.test), which would break any real mail setup." \
      "If this Postfix is disposable, run again with EHLO_POSTFIX_OK=1."
  fi
fi
# Mark the configuration as ours first, so an interrupted run can be resumed without the override.
if [ ! -f "$main_cf" ]; then
  printf '%s\n' "$marker" | as_root tee "$main_cf" >/dev/null
elif ! grep -qxF "$marker" "$main_cf"; then
  tmp_cf="$(mktemp)"
  { printf '%s\n' "$marker"; cat "$main_cf"; } >"$tmp_cf"
  as_root install -m 644 "$tmp_cf" "$main_cf"
  rm -f "$tmp_cf"
fi

# ---------------------------------------------------------------------------------------------
# 3. Test certificate authority and server certificate (generated here, never committed)
# ---------------------------------------------------------------------------------------------
two_days=$((2 * 24 * 3600))

same_key() { # cert key: does the certificate carry this key's public half?
  [ "$(openssl x509 -noout -pubkey -in "$1" 2>/dev/null)" = "$(openssl pkey -pubout -in "$2" 2>/dev/null)" ]
}

ca_ok() { # dir: a CA there with its key, valid for more than two days
  [ -s "$1/ca.pem" ] && [ -s "$1/ca.key" ] &&
    openssl x509 -checkend "$two_days" -noout -in "$1/ca.pem" >/dev/null 2>&1 &&
    same_key "$1/ca.pem" "$1/ca.key"
}

server_ok() { # dir: a server certificate there, valid for two more days, issued by that dir's CA
  [ -s "$1/server.pem" ] && [ -s "$1/server.key" ] &&
    openssl x509 -checkend "$two_days" -noout -in "$1/server.pem" >/dev/null 2>&1 &&
    same_key "$1/server.pem" "$1/server.key" &&
    openssl verify -CAfile "$1/ca.pem" -verify_hostname "$server_name" -verify_ip 127.0.0.1 \
      "$1/server.pem" >/dev/null 2>&1
}

mkdir -p "$gen"
work="$(mktemp -d "$gen/.work.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# One Postfix serves every checkout on this machine, so every checkout must trust the same CA:
# when Postfix already holds a valid set (installed by this script from another checkout, or by an
# earlier run), copy it here instead of generating a competing CA.
mkdir -p "$work/installed"
for f in ca.pem ca.key server.pem server.key; do
  (umask 077 && as_root cat "$tls_dir/$f" >"$work/installed/$f" 2>/dev/null) || true
done
if ca_ok "$work/installed" && server_ok "$work/installed"; then
  adopted=''
  for f in ca.pem ca.key server.pem server.key; do
    if ! cmp -s "$work/installed/$f" "$gen/$f"; then
      case $f in *.pem) chmod 644 "$work/installed/$f" ;; esac
      mv -f "$work/installed/$f" "$gen/$f"
      adopted+=" $f"
    fi
  done
  [ -z "$adopted" ] || say "copied the test CA and certificate Postfix already uses:$adopted"
fi

if ! ca_ok "$gen"; then
  say "generating test CA (Ehlo Test CA, 30 days)"
  cat >"$work/ca.cnf" <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
O = Ehlo
CN = Ehlo Test CA
[v3_ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF
  (umask 077 && openssl req -x509 -config "$work/ca.cnf" -extensions v3_ca -newkey rsa:2048 -nodes \
    -sha256 -days 30 -keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null)
  chmod 644 "$work/ca.pem"
  # Rename into place so a test reading ca.pem never sees half a file.
  mv -f "$work/ca.key" "$gen/ca.key"
  mv -f "$work/ca.pem" "$gen/ca.pem"
fi

if ! server_ok "$gen"; then
  say "generating server certificate for $server_name (30 days)"
  cat >"$work/server.cnf" <<EOF
[req]
distinguished_name = dn
prompt = no
[dn]
O = Ehlo
CN = $server_name
[v3_server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:$server_name, DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
EOF
  (umask 077 && openssl req -new -config "$work/server.cnf" -newkey rsa:2048 -nodes \
    -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null)
  openssl x509 -req -in "$work/server.csr" -CA "$gen/ca.pem" -CAkey "$gen/ca.key" \
    -set_serial "0x$(openssl rand -hex 16)" -sha256 -days 30 \
    -extfile "$work/server.cnf" -extensions v3_server -out "$work/server.pem" 2>/dev/null
  chmod 644 "$work/server.pem"
  mv -f "$work/server.key" "$gen/server.key"
  mv -f "$work/server.pem" "$gen/server.pem"
  server_ok "$gen" || die "the freshly generated server certificate does not verify against ca.pem"
fi

# When run with sudo, hand the generated files back to the developer.
if [ "$(id -u)" -eq 0 ] && [ -n "${SUDO_UID:-}" ]; then
  chown -R "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" "$gen"
fi

# Postfix gets its own root-owned copy: the key stays private, and the server keeps working even
# if the working tree moves.
as_root install -d -m 755 "$tls_dir"
as_root install -m 644 "$gen/server.pem" "$tls_dir/server.pem"
as_root install -m 600 "$gen/server.key" "$tls_dir/server.key"
as_root install -m 644 "$gen/ca.pem" "$tls_dir/ca.pem"
as_root install -m 600 "$gen/ca.key" "$tls_dir/ca.key"

# ---------------------------------------------------------------------------------------------
# 4. Local recipients
# ---------------------------------------------------------------------------------------------
if ! id alice >/dev/null 2>&1; then
  say "adding local user alice (no login shell)"
  as_root useradd --create-home --shell /usr/sbin/nologin --comment 'Ehlo test recipient' alice
fi
# Debian's default local_recipient_maps (every account in /etc/passwd) would accept
# nobody@ehlo.test, because "nobody" is a system account. The tests need a real "User unknown"
# rejection for it, so local recipients are the test users plus the aliases (postmaster).
printf 'alice\talice\n' | as_root tee "$recipients_file" >/dev/null
[ -f /etc/aliases ] || printf 'postmaster:\troot\n' | as_root tee /etc/aliases >/dev/null

# ---------------------------------------------------------------------------------------------
# 5. main.cf and master.cf
# ---------------------------------------------------------------------------------------------
if [ -e /proc/net/if_inet6 ] && grep -qE '^0{31}1 .* lo$' /proc/net/if_inet6; then
  interfaces='127.0.0.1, [::1]'
  protocols='ipv4, ipv6'
else
  interfaces='127.0.0.1'
  protocols='ipv4'
fi

before="$(as_root postconf -n inet_interfaces inet_protocols 2>/dev/null || true)"

as_root postconf -e \
  'compatibility_level = 3.6' \
  "myhostname = $server_name" \
  'mydomain = ehlo.test' \
  'myorigin = $myhostname' \
  'mydestination = ehlo.test, mx.ehlo.test, localhost' \
  "inet_interfaces = $interfaces" \
  "inet_protocols = $protocols" \
  'mynetworks = 127.0.0.0/8 [::1]/128' \
  'smtpd_relay_restrictions = reject_unauth_destination' \
  'alias_maps = hash:/etc/aliases' \
  'alias_database = hash:/etc/aliases' \
  "local_recipient_maps = texthash:$recipients_file \$alias_maps" \
  "maillog_file = $log_file" \
  'smtpd_banner = $myhostname ESMTP Postfix (Ehlo test)' \
  'smtpd_tls_security_level = may' \
  "smtpd_tls_cert_file = $tls_dir/server.pem" \
  "smtpd_tls_key_file = $tls_dir/server.key" \
  'smtpd_tls_loglevel = 1' \
  'smtpd_sasl_auth_enable = no' \
  'smtpd_peername_lookup = no' \
  'biff = no' \
  'default_transport = error:outbound mail is disabled on the Ehlo test server' \
  'relay_transport = error:outbound mail is disabled on the Ehlo test server'
# Back to defaults for settings a taken-over configuration may carry (would change replies).
as_root postconf -X smtpd_recipient_restrictions smtpd_client_restrictions smtpd_helo_restrictions \
  smtpd_sender_restrictions smtpd_tls_chain_files relayhost 2>/dev/null || true

# master.cf: plain smtpd on 25 (no postscreen), submission with mandatory STARTTLS, implicit TLS on
# 465. Existing entries are deleted first so no stale -o options (SASL, restrictions) survive.
for entry in smtp/inet submission/inet submissions/inet smtps/inet 465/inet 587/inet smtpd/pass \
  dnsblog/unix tlsproxy/unix; do
  as_root postconf -MX "$entry" 2>/dev/null || true
done
as_root postconf -M \
  'smtp/inet = smtp inet n - n - - smtpd' \
  'submission/inet = submission inet n - n - - smtpd' \
  'submissions/inet = submissions inet n - n - - smtpd'
as_root postconf -P \
  'submission/inet/syslog_name=postfix/submission' \
  'submission/inet/smtpd_tls_security_level=encrypt' \
  'submissions/inet/syslog_name=postfix/submissions' \
  'submissions/inet/smtpd_tls_wrappermode=yes'
# The postlog service carries maillog_file logging (no syslog daemon in containers).
as_root postconf -M 'postlog/unix-dgram = postlog unix-dgram n - n - 1 postlogd'
# No chroot: containers lack the copied /etc files a chroot needs, and this is a test server.
as_root postconf -F '*/*/chroot = n'

as_root newaliases
as_root postfix check

# ---------------------------------------------------------------------------------------------
# 6. Start or reload, then wait for the greeting
# ---------------------------------------------------------------------------------------------
after="$(as_root postconf -n inet_interfaces inet_protocols)"
if as_root postfix status >/dev/null 2>&1; then
  if [ "$before" != "$after" ]; then
    # Listening addresses only change on a full restart (postfix reload keeps the sockets).
    say "restarting Postfix (listening addresses changed)"
    as_root postfix stop >/dev/null 2>&1 || true
    for _ in $(seq 1 50); do as_root postfix status >/dev/null 2>&1 || break; sleep 0.2; done
    as_root postfix start >/dev/null 2>&1 || die "postfix start failed; see $log_file"
  else
    say "reloading Postfix"
    as_root postfix reload >/dev/null 2>&1 || die "postfix reload failed; see $log_file"
  fi
else
  say "starting Postfix"
  as_root postfix start >/dev/null 2>&1 || die "postfix start failed; see $log_file"
fi

# SMTP dialogue over bash's /dev/tcp, bounded by timeout(1). Prints the last reply line of each
# step: greeting, then each command given.
smtp_talk() { # host port command...
  timeout 10 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    shift 2
    cr=$(printf "\r")
    reply() {
      local line
      while IFS= read -r -t 5 line <&3; do
        line=${line%"$cr"}
        case $line in [0-9][0-9][0-9]-*) ;; *) printf "%s\n" "$line"; return 0 ;; esac
      done
      return 1
    }
    reply || exit 1
    for cmd in "$@"; do printf "%s\r\n" "$cmd" >&3; reply || exit 1; done
    printf "QUIT\r\n" >&3
  ' smtp_talk "$@"
}

greeting=''
deadline=$((SECONDS + 30))
while [ "$SECONDS" -lt "$deadline" ]; do
  greeting="$(smtp_talk 127.0.0.1 25 2>/dev/null | head -n1 || true)"
  case $greeting in 220\ *) break ;; esac
  sleep 0.5
done
case $greeting in
  220\ *Postfix*) ;;
  *)
    if [ -r "$log_file" ]; then as_root tail -n 20 "$log_file" >&2 || true; fi
    die "127.0.0.1:25 did not answer with a 220 Postfix greeting within 30 s (got: '${greeting:-nothing}')"
    ;;
esac

# ---------------------------------------------------------------------------------------------
# 7. Verify each service the tests use
# ---------------------------------------------------------------------------------------------
tls_check() { # port [starttls]: handshake verified against the test CA and the server name
  local args=(-connect "127.0.0.1:$1" -CAfile "$gen/ca.pem" -verify_hostname "$server_name"
    -verify_return_error -servername "$server_name" -brief)
  [ "${2:-}" = starttls ] && args+=(-starttls smtp)
  timeout 10 openssl s_client "${args[@]}" </dev/null 2>&1 | grep -q '^Verification: OK'
}

tls_check 25 starttls || die "127.0.0.1:25: STARTTLS handshake did not verify against $gen/ca.pem"
say "ok smtp        127.0.0.1:25   $greeting; STARTTLS verified for $server_name"

if [ "$protocols" = 'ipv4, ipv6' ]; then
  greeting6="$(smtp_talk ::1 25 2>/dev/null | head -n1 || true)"
  case $greeting6 in 220\ *) ;; *) die "[::1]:25 did not greet (got: '${greeting6:-nothing}')" ;; esac
  say "ok smtp        [::1]:25       220 greeting"
fi

relay="$(smtp_talk 127.0.0.1 25 'EHLO ci.ehlo.test' 'MAIL FROM:<probe@ehlo.test>' \
  'RCPT TO:<someone@example.org>' 2>/dev/null | tail -n1 || true)"
case $relay in 554\ 5.7.1*) ;; *) die "relay to example.org was not refused with 554 5.7.1 (got: '$relay')" ;; esac
unknown="$(smtp_talk 127.0.0.1 25 'EHLO ci.ehlo.test' 'MAIL FROM:<probe@ehlo.test>' \
  'RCPT TO:<nobody@ehlo.test>' 2>/dev/null | tail -n1 || true)"
case $unknown in 550\ 5.1.1*) ;; *) die "nobody@ehlo.test was not refused with 550 5.1.1 (got: '$unknown')" ;; esac
valid="$(smtp_talk 127.0.0.1 25 'EHLO ci.ehlo.test' 'MAIL FROM:<probe@ehlo.test>' \
  'RCPT TO:<alice@ehlo.test>' 2>/dev/null | tail -n1 || true)"
case $valid in 250\ *) ;; *) die "alice@ehlo.test was not accepted (got: '$valid')" ;; esac
say "ok recipients  127.0.0.1:25   alice 250, nobody 550 5.1.1, example.org 554 5.7.1"

plain587="$(smtp_talk 127.0.0.1 587 'EHLO ci.ehlo.test' 'MAIL FROM:<probe@ehlo.test>' 2>/dev/null | tail -n1 || true)"
case $plain587 in 530\ 5.7.0*) ;; *) die "127.0.0.1:587: MAIL before STARTTLS was not refused with 530 5.7.0 (got: '$plain587')" ;; esac
tls_check 587 starttls || die "127.0.0.1:587: STARTTLS handshake did not verify against $gen/ca.pem"
say "ok submission  127.0.0.1:587  MAIL before STARTTLS: $plain587; STARTTLS verified"

tls_check 465 || die "127.0.0.1:465: implicit TLS handshake did not verify against $gen/ca.pem"
say "ok submissions 127.0.0.1:465  implicit TLS verified for $server_name"
say "CA for tests: $gen/ca.pem; log: $log_file"
