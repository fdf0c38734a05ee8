#!/usr/bin/env bash
# The system packages `make test` needs: Chromium (browser tests), PostgreSQL, Redis and
# HAProxy (production profile, shared pending store and rate limit), curl (profile checks),
# Node (the chat page script's behaviour test), npm (fetches axe-core for the accessibility test),
# Pango and a font (WeasyPrint, the PDF export).
# Installs the missing ones with apt-get when that is possible (root, apt-get present);
# otherwise stops and says how. No test is skipped for a missing tool.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v haproxy >/dev/null 2>&1 || need+=(haproxy)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' || need+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || need+=(libpangoft2-1.0-0)
{ command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list 2>/dev/null | head -1)" ]; } || need+=(fontconfig fonts-dejavu-core)
[ ${#need[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "==> apt-get install ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need[@]}" >/dev/null
    exit 0
fi

cat >&2 <<MSG
The tests need these system packages, which are missing: ${need[*]}
Install them, for example (Debian/Ubuntu):
    sudo apt-get install ${need[*]}
or run \`make test\` as root where apt-get is available; then run it again.
MSG
exit 1
