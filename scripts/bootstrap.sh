#!/usr/bin/env bash
# Create .venv with Python 3.10 and install the pinned dependencies.
# Re-runs are cheap: nothing happens unless pyproject.toml or constraints.txt changed.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python310() {
    local candidates=()
    command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
    if command -v pyenv >/dev/null 2>&1; then
        local root; root="$(pyenv root)"
        for d in "$root"/versions/3.10.*; do [ -x "$d/bin/python" ] && candidates+=("$d/bin/python"); done
    fi
    for d in "$HOME"/.pyenv/versions/3.10.* /usr/bin/python3.10 /usr/local/bin/python3.10; do
        [ -x "$d" ] && candidates+=("$d"); [ -x "$d/bin/python" ] && candidates+=("$d/bin/python")
    done
    for c in "${candidates[@]}"; do
        if "$c" -c 'import sys, venv; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; then
            echo "$c"; return 0
        fi
    done
    return 1
}

stamp_value="$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)"
stamp_file=".venv/.overstap-installed"
if [ -x .venv/bin/python ] && [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp_value" ]; then
    exit 0
fi

if [ ! -x .venv/bin/python ]; then
    if ! PY="$(find_python310)"; then
        cat >&2 <<'MSG'
Overstap needs Python 3.10 (Rasa Open Source 3.6 does not run on 3.11 or newer),
and none was found (looked for python3.10 on PATH and under pyenv).
Install one, for example:
    pyenv install 3.10.13          # with pyenv; the repo's .python-version selects it
    apt-get install python3.10-venv  # on a distribution that packages 3.10
then run this command again.
MSG
        exit 1
    fi
    echo "==> Creating .venv with $("$PY" --version) ($PY)"
    "$PY" -m venv .venv
fi

echo "==> Installing pinned dependencies into .venv (first time: about 3 minutes)"
.venv/bin/python -m pip install -q --disable-pip-version-check -U "pip>=23,<27" wheel
.venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[test]"
.venv/bin/python -m pip check
echo "$stamp_value" > "$stamp_file"
echo "==> .venv ready"
