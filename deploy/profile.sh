#!/usr/bin/env bash
# Overstap production profile on loopback: PostgreSQL, Redis, N Rasa servers and the action
# server behind HAProxy, the web app under uvicorn with several workers.
#
#   deploy/profile.sh start            install what is missing, start what is not running
#   deploy/profile.sh stop             stop everything (data stays under $PROD_DIR)
#   deploy/profile.sh status           one line per component
#   deploy/profile.sh env              print the environment the services run with (no secrets)
#   deploy/profile.sh kill NAME        SIGKILL one component (tests: rasa1, actions, web, ...)
#   deploy/profile.sh stop-one NAME    stop one component cleanly (postgres, redis, ...)
#   deploy/profile.sh start-one NAME   start one component that is not running, without waiting
#                                      for the others (tests: postgres, actions, rasa1, ...)
#   deploy/profile.sh destroy          stop and delete $PROD_DIR (database included)
#
# `start` is idempotent: it (re)starts only the components that are not running.
# Every setting comes from the environment (defaults below); secrets are generated into
# $PROD_DIR/secrets.env (mode 600, under var/, never in the repository).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

PROD_DIR="${PROD_DIR:-$ROOT/var/prod}"
PROD_RASA_SERVERS="${PROD_RASA_SERVERS:-2}"
PROD_PG_PORT="${PROD_PG_PORT:-15432}"
PROD_REDIS_PORT="${PROD_REDIS_PORT:-16379}"
PROD_RASA_BASE_PORT="${PROD_RASA_BASE_PORT:-15005}"   # rasa1 on this port, rasa2 on +1, ...
PROD_ACTIONS_PORT="${PROD_ACTIONS_PORT:-15055}"
PROD_LB_RASA_PORT="${PROD_LB_RASA_PORT:-15080}"
PROD_LB_ACTIONS_PORT="${PROD_LB_ACTIONS_PORT:-15081}"
PROD_WEB_PORT="${PROD_WEB_PORT:-18000}"
PROD_WEB_WORKERS="${PROD_WEB_WORKERS:-2}"
PROD_START_TIMEOUT="${PROD_START_TIMEOUT:-300}"
PY="${PROD_PYTHON:-$ROOT/.venv/bin/python}"
UVICORN="$(dirname "$PY")/uvicorn"
PGBIN="${PROD_PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"

RUN="$PROD_DIR/run"; LOG="$PROD_DIR/log"
# PostgreSQL's files live under $PROD_DIR, unless the cluster's owner (`postgres`, when we
# run as root) cannot reach it (e.g. a clone under /root): then under /var/tmp.
PGBASE="$PROD_DIR"
if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1; then
    _d="$PROD_DIR"; while [ ! -e "$_d" ]; do _d="$(dirname "$_d")"; done
    runuser -u postgres -- test -x "$_d" 2>/dev/null \
        || PGBASE="/var/tmp/overstap-pg-$(printf %s "$PROD_DIR" | sha256sum | cut -c1-12)"
fi
PGDATA="$PGBASE/pg"
if [ "$PGBASE" = "$PROD_DIR" ]; then PGSOCK="$RUN/pgsock"; PGLOG="$LOG/postgres.log"
else PGSOCK="$PGBASE/sock"; PGLOG="$PGBASE/postgres.log"; fi
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1 \
       PYTHONWARNINGS=ignore TOKENIZERS_PARALLELISM=false LOG_LEVEL="${LOG_LEVEL:-WARNING}"
# the sentence encoder on one OpenMP thread per server (bot/run/processes.py: serving_env)
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

say() { echo "==> $*" >&2; }
die() { echo "profile: $*" >&2; exit 1; }

# --- setup ---------------------------------------------------------------------------
install_packages() {
    local need=()
    [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || need+=(postgresql)
    command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
    command -v haproxy >/dev/null 2>&1 || need+=(haproxy)
    command -v curl >/dev/null 2>&1 || need+=(curl)
    [ ${#need[@]} -eq 0 ] && return 0
    [ "$(id -u)" -eq 0 ] || die "missing ${need[*]}; install them (apt-get install ${need[*]}) or run as root"
    say "apt-get install ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    # Debian starts its own instances; the profile runs private ones on other ports.
    for svc in redis-server haproxy; do
        command -v systemctl >/dev/null 2>&1 && systemctl disable --now "$svc" >/dev/null 2>&1 || true
    done
    PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
}

secrets() {
    mkdir -p "$PROD_DIR" "$RUN" "$LOG"
    chmod 755 "$PROD_DIR"
    if [ ! -s "$PROD_DIR/secrets.env" ]; then
        umask 077
        {
            echo "PG_PASSWORD=$("$PY" -c 'import secrets; print(secrets.token_hex(24))')"
            echo "REDIS_PASSWORD=$("$PY" -c 'import secrets; print(secrets.token_hex(24))')"
            echo "RASA_AUTH_TOKEN=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(32))')"
        } > "$PROD_DIR/secrets.env"
        umask 022
    fi
    chmod 600 "$PROD_DIR/secrets.env"
    # shellcheck disable=SC1091
    set -a; . "$PROD_DIR/secrets.env"; set +a
    export DATABASE_URL="postgresql://overstap:${PG_PASSWORD}@127.0.0.1:${PROD_PG_PORT}/overstap"
    export REDIS_URL="redis://:${REDIS_PASSWORD}@127.0.0.1:${PROD_REDIS_PORT}/0"
    export REDIS_HOST=127.0.0.1 REDIS_PORT="$PROD_REDIS_PORT"
    export RASA_URL="http://127.0.0.1:${PROD_LB_RASA_PORT}"
    export ACTION_ENDPOINT_URL="http://127.0.0.1:${PROD_LB_ACTIONS_PORT}/webhook"
    export OVERSTAP_COOKIE_SECURE="${OVERSTAP_COOKIE_SECURE:-true}"
}

# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user.
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

alive() { [ -f "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

# Start a background process in its own session; pid in $RUN/NAME.pid, output to $LOG/NAME.log.
spawn() {
    local name="$1"; shift
    setsid "$@" >>"$LOG/$name.log" 2>&1 < /dev/null &
    echo $! > "$RUN/$name.pid"
}

wait_http() {  # url timeout name
    local deadline=$(( $(date +%s) + $2 ))
    until curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; do
        [ "$(date +%s)" -lt "$deadline" ] || die "$3 did not answer on $1 within $2 s (see $LOG/)"
        alive "$3" || [ "$3" = any ] || die "$3 stopped while starting (see $LOG/$3.log)"
        sleep 0.5
    done
}

# --- components ----------------------------------------------------------------------
start_postgres() {
    if as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then return 0; fi
    if [ ! -s "$PGDATA/PG_VERSION" ]; then
        say "initdb $PGDATA"
        mkdir -p "$PGDATA"; [ "$PGBASE" = "$PROD_DIR" ] || chmod 755 "$PGBASE"
        local pw; pw="$(mktemp)"; echo "$PG_PASSWORD" > "$pw"
        if [ "$(id -u)" -eq 0 ]; then chown postgres "$PGDATA" "$pw"; fi
        chmod 700 "$PGDATA"
        as_pg "$PGBIN/initdb" -D "$PGDATA" -U overstap --pwfile="$pw" --auth=scram-sha-256 \
            -E UTF8 --locale=C.UTF-8 >"$LOG/initdb.log" 2>&1 || { rm -f "$pw"; die "initdb failed (see $LOG/initdb.log)"; }
        rm -f "$pw"
    fi
    mkdir -p "$PGSOCK"; touch "$PGLOG"
    [ "$(id -u)" -eq 0 ] && chown postgres "$PGSOCK" "$PGLOG"
    [ "$PGLOG" = "$LOG/postgres.log" ] || ln -sfn "$PGLOG" "$LOG/postgres.log"
    say "PostgreSQL on 127.0.0.1:$PROD_PG_PORT"
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGLOG" -w -t 60 start \
        -o "-p $PROD_PG_PORT -c listen_addresses=127.0.0.1 -k $PGSOCK -c max_connections=200 -c log_min_error_statement=panic -c log_min_messages=warning" >/dev/null
    if ! PGPASSWORD="$PG_PASSWORD" psql -h 127.0.0.1 -p "$PROD_PG_PORT" -U overstap -d postgres -tAc \
            "select 1 from pg_database where datname='overstap'" | grep -q 1; then
        PGPASSWORD="$PG_PASSWORD" psql -q -h 127.0.0.1 -p "$PROD_PG_PORT" -U overstap -d postgres \
            -c "create database overstap" >/dev/null
    fi
}

start_redis() {
    alive redis && return 0
    say "Redis on 127.0.0.1:$PROD_REDIS_PORT (no persistence)"
    # The password goes in through a mode-600 config file, not the command line (ps).
    printf 'requirepass %s\n' "$REDIS_PASSWORD" > "$RUN/redis.conf"; chmod 600 "$RUN/redis.conf"
    spawn redis redis-server "$RUN/redis.conf" --bind 127.0.0.1 --port "$PROD_REDIS_PORT" --save "" \
        --appendonly no --protected-mode yes --daemonize no --dir "$RUN"
    local i; for i in $(seq 50); do
        redis-cli -p "$PROD_REDIS_PORT" -a "$REDIS_PASSWORD" --no-auth-warning ping 2>/dev/null | grep -q PONG && return 0
        sleep 0.1
    done
    die "redis did not start (see $LOG/redis.log)"
}

migrate() {
    # Application tables (alembic) and Rasa's events table, once, before any Rasa server.
    say "database schema"
    "$PY" -c 'from bot.core.runtime import quiet; quiet()
from bot.rasa_adapter.tracker_store import TranscriptTrackerStore; TranscriptTrackerStore()' >>"$LOG/migrate.log" 2>&1 \
        || die "migration failed (see $LOG/migrate.log)"
}

endpoints() {
    # Values (${ACTION_ENDPOINT_URL}, ${REDIS_*}) are filled in by Rasa from each server's environment.
    cp "$ROOT/deploy/endpoints.prod.yml" "$PROD_DIR/endpoints.yml"
}

model() {
    if [ -n "${PROD_MODEL:-}" ]; then echo "$PROD_MODEL"; return; fi
    "$PY" -c 'from bot.rasa_adapter.rasa_model import model_path; print(model_path())'
}

start_actions() {
    alive actions && return 0
    say "action server on 127.0.0.1:$PROD_ACTIONS_PORT"
    spawn actions "$PY" -m bot.rasa_adapter.action_server --port "$PROD_ACTIONS_PORT"
}

start_rasa() {  # i
    local i="$1" port=$(( PROD_RASA_BASE_PORT + $1 - 1 ))
    alive "rasa$i" && return 0
    say "Rasa server $i on 127.0.0.1:$port"
    # bot.rasa_adapter.rasa_server: `rasa run` with skops imported first (seconds off the start)
    spawn "rasa$i" "$PY" -m bot.rasa_adapter.rasa_server run --enable-api --auth-token "$RASA_AUTH_TOKEN" -i 127.0.0.1 -p "$port" \
        --model "$MODEL" --endpoints "$PROD_DIR/endpoints.yml" --credentials "$ROOT/credentials.yml"
}

start_haproxy() {
    alive haproxy && return 0
    local lines="" i
    for i in $(seq "$PROD_RASA_SERVERS"); do
        lines+="    server rasa$i 127.0.0.1:$(( PROD_RASA_BASE_PORT + i - 1 ))"$'\n'
    done
    LB_BIND=127.0.0.1 LB_RASA_PORT="$PROD_LB_RASA_PORT" LB_ACTIONS_PORT="$PROD_LB_ACTIONS_PORT" \
    RASA_SERVER_LINES="$lines" ACTION_SERVER_LINES="    server actions1 127.0.0.1:$PROD_ACTIONS_PORT" \
        "$PY" -c 'import os,re,sys; t=open(sys.argv[1]).read(); print(re.sub(r"\$\{(\w+)\}", lambda m: os.environ[m.group(1)], t))' \
        "$ROOT/deploy/haproxy.cfg" > "$PROD_DIR/haproxy.cfg"
    haproxy -c -q -f "$PROD_DIR/haproxy.cfg" || die "invalid $PROD_DIR/haproxy.cfg"
    say "HAProxy on 127.0.0.1:$PROD_LB_RASA_PORT (Rasa) and :$PROD_LB_ACTIONS_PORT (actions)"
    spawn haproxy haproxy -db -f "$PROD_DIR/haproxy.cfg"
}

start_web() {
    alive web && return 0
    say "web app on 127.0.0.1:$PROD_WEB_PORT (uvicorn, $PROD_WEB_WORKERS workers)"
    spawn web "$UVICORN" --factory bot.prod_app:create --host 127.0.0.1 --port "$PROD_WEB_PORT" \
        --workers "$PROD_WEB_WORKERS" --no-access-log --log-level warning --proxy-headers \
        --forwarded-allow-ips 127.0.0.1 --timeout-graceful-shutdown 10
}

COMPONENTS_STOP_ORDER() { echo web haproxy; seq -f "rasa%g" "$PROD_RASA_SERVERS"; echo actions redis; }

stop_one() {
    local name="$1"
    if [ "$name" = postgres ]; then
        [ -s "$PGDATA/PG_VERSION" ] && as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
        return 0
    fi
    alive "$name" || { rm -f "$RUN/$name.pid"; return 0; }
    local pid; pid="$(cat "$RUN/$name.pid")"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    local i; for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    rm -f "$RUN/$name.pid"
}

kill_one() {
    local name="$1"
    if [ "$name" = postgres ]; then
        as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true; return 0
    fi
    alive "$name" || return 0
    local pid; pid="$(cat "$RUN/$name.pid")"
    kill -KILL -- "-$pid" 2>/dev/null || true
    # until the process is gone (its listening socket closed), like after a real crash
    local i; for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    rm -f "$RUN/$name.pid"
}

cmd_start() {
    local t0; t0=$(date +%s)
    install_packages
    secrets
    [ -x "$PY" ] || die "no $PY: run scripts/bootstrap.sh (make install) first"
    MODEL="$(model)"; [ -f "$MODEL" ] || die "no trained model $MODEL: run make train first"
    start_postgres
    start_redis
    migrate
    endpoints
    start_actions
    local i; for i in $(seq "$PROD_RASA_SERVERS"); do start_rasa "$i"; done
    start_haproxy
    wait_http "http://127.0.0.1:$PROD_ACTIONS_PORT/health" 60 actions
    for i in $(seq "$PROD_RASA_SERVERS"); do
        wait_http "http://127.0.0.1:$(( PROD_RASA_BASE_PORT + i - 1 ))/status?token=$RASA_AUTH_TOKEN" \
            "$PROD_START_TIMEOUT" "rasa$i"
    done
    # ... and until the balancer has seen them healthy again (after a restart it needs two checks).
    wait_http "http://127.0.0.1:$PROD_LB_ACTIONS_PORT/health" 60 haproxy
    wait_http "http://127.0.0.1:$PROD_LB_RASA_PORT/version" 60 haproxy
    start_web
    wait_http "http://127.0.0.1:$PROD_WEB_PORT/healthz" 60 web
    say "profile up in $(( $(date +%s) - t0 )) s: http://127.0.0.1:$PROD_WEB_PORT/"
}

cmd_start_one() {
    case "$1" in
        postgres) start_postgres ;;
        redis) start_redis ;;
        actions) start_actions; wait_http "http://127.0.0.1:$PROD_ACTIONS_PORT/health" 60 actions ;;
        rasa[0-9]*) MODEL="$(model)"; start_rasa "${1#rasa}" ;;  # loading takes a while: not waited for
        haproxy) start_haproxy ;;
        web) start_web; wait_http "http://127.0.0.1:$PROD_WEB_PORT/healthz" 60 web ;;
        *) die "unknown component $1" ;;
    esac
}

cmd_stop() {
    [ -d "$PROD_DIR" ] || return 0
    local name
    for name in $(COMPONENTS_STOP_ORDER); do stop_one "$name"; done
    stop_one postgres
    say "profile stopped"
}

cmd_status() {
    local name rc=0
    for name in $(COMPONENTS_STOP_ORDER); do
        if alive "$name"; then echo "$name running (pid $(cat "$RUN/$name.pid"))"; else echo "$name stopped"; rc=3; fi
    done
    if [ -s "$PGDATA/PG_VERSION" ] && as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
        echo "postgres running"; else echo "postgres stopped"; rc=3; fi
    return $rc
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) secrets >/dev/null; cmd_status ;;
    env) secrets >/dev/null
         echo "RASA_URL=$RASA_URL"; echo "WEB_URL=http://127.0.0.1:$PROD_WEB_PORT"
         echo "RASA_SERVERS=$(for i in $(seq "$PROD_RASA_SERVERS"); do printf 'http://127.0.0.1:%s ' $(( PROD_RASA_BASE_PORT + i - 1 )); done)"
         echo "PROD_DIR=$PROD_DIR" ;;
    kill) [ -n "${2:-}" ] || die "kill NAME"; kill_one "$2" ;;
    stop-one) [ -n "${2:-}" ] || die "stop-one NAME"; stop_one "$2" ;;
    start-one) [ -n "${2:-}" ] || die "start-one NAME"; secrets; cmd_start_one "$2" ;;
    destroy) cmd_stop; rm -rf "$PROD_DIR"; [ "$PGBASE" = "$PROD_DIR" ] || rm -rf "$PGBASE" ;;
    *) echo "usage: $0 start|stop|status|env|kill NAME|stop-one NAME|start-one NAME|destroy" >&2; exit 2 ;;
esac
