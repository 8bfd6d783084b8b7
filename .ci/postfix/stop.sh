#!/usr/bin/env bash
# Stop the loopback test Postfix started by .ci/postfix/start.sh. Configuration, certificates and
# the local user stay in place, so start.sh brings the same server back.
#
# Like start.sh, it leaves alone a Postfix it did not configure unless CI=true or EHLO_POSTFIX_OK=1.
set -euo pipefail

export PATH="$PATH:/usr/sbin:/sbin"

marker='# ehlo-test-postfix: managed by .ci/postfix/start.sh (Ehlo test server, loopback only)'
main_cf=/etc/postfix/main.cf

say() { printf 'postfix: %s\n' "$*"; }

if [ "$(id -u)" -eq 0 ]; then
  as_root() { "$@"; }
elif command -v sudo >/dev/null 2>&1; then
  as_root() { sudo "$@"; }
else
  printf 'postfix: ERROR: this script needs root (or sudo) to stop Postfix\n' >&2
  exit 1
fi

if ! command -v postfix >/dev/null 2>&1; then
  say "Postfix is not installed; nothing to stop"
  exit 0
fi
if ! grep -qxF "$marker" "$main_cf" 2>/dev/null &&
  [ "${CI:-}" != true ] && [ "${EHLO_POSTFIX_OK:-}" != 1 ]; then
  printf 'postfix: ERROR: %s\n' \
    "Postfix on this machine was not configured by .ci/postfix/start.sh; not stopping it." >&2
  printf '         %s\n' "If this Postfix is disposable, run again with EHLO_POSTFIX_OK=1." >&2
  exit 1
fi

if ! as_root postfix status >/dev/null 2>&1; then
  say "Postfix is not running"
  exit 0
fi
as_root postfix stop >/dev/null 2>&1
# postfix stop returns before master has exited; wait (bounded) so a following start.sh is clean.
for _ in $(seq 1 50); do
  if ! as_root postfix status >/dev/null 2>&1; then
    say "stopped"
    exit 0
  fi
  sleep 0.2
done
printf 'postfix: ERROR: Postfix still running 10 s after postfix stop\n' >&2
exit 1
