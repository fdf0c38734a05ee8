#!/usr/bin/env bash
# Dependency audit: pip-audit over the exact installed versions (constraints.txt).
#
# pip-audit cannot live in the project venv (its dependencies conflict with Rasa 3.6's
# pins, e.g. packaging<21), so it runs from its own small venv under var/. It asks PyPI's
# vulnerability data (or OSV with AUDIT_SERVICE=osv) about every pinned package, so it
# needs network access to that service. Known exceptions: deploy/audit-exceptions.txt,
# one "ID  package  reason" per line, explained in docs/dependency-audit.md.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${AUDIT_VENV:-var/audit-venv}"
PIP_AUDIT_VERSION="2.10.1"
if [ ! -x "$VENV/bin/pip-audit" ] || ! "$VENV/bin/pip-audit" --version | grep -q "$PIP_AUDIT_VERSION"; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "pip-audit==$PIP_AUDIT_VERSION"
fi

# The lock itself, without the project (not on PyPI) and without comments.
reqs="$(mktemp)"; trap 'rm -f "$reqs"' EXIT
grep -E '^[A-Za-z0-9_.-]+(\[[^]]*\])?==' constraints.txt > "$reqs"

ignores=()
while read -r id _rest; do
    [[ -z "$id" || "$id" == \#* ]] && continue
    ignores+=(--ignore-vuln "$id")
done < deploy/audit-exceptions.txt

# --strict: a package that could not be checked fails the audit (no silent "all clear").
echo "==> pip-audit over $(wc -l < "$reqs") pinned packages (${#ignores[@]} documented exception flags)"
exec "$VENV/bin/pip-audit" --requirement "$reqs" --no-deps --disable-pip --progress-spinner off --strict \
    --vulnerability-service "${AUDIT_SERVICE:-pypi}" --desc off "${ignores[@]}" "$@"
