#!/usr/bin/env bash
# `make run`: Linija in development mode. Loads the demo content, then serves the ASGI server
# and the background worker together on HOST:PORT (the arguments); Ctrl-C stops both.
set -u
host=${1:-127.0.0.1}
port=${2:-8000}
case $host in *:*) url="http://[$host]:$port" ;; *) url="http://$host:$port" ;; esac
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 1
py=.venv/bin/python

# Every page shows a development-mode banner; links in e-mails and the printed webhook lead
# to the address this server really listens on.
export LINIJA_DEV_MODE=1 LINIJA_BASE_URL=$url
echo "DEVELOPMENT MODE: demo content and demo logins, not for real conversations."
$py manage.py demo_load || exit 1

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping Linija…"
  kill -TERM "${pids[@]}" 2>/dev/null
  wait "${pids[@]}" 2>/dev/null
  exit 0
}
trap stop INT TERM EXIT

$py manage.py run_huey --quiet &
pids+=($!)
.venv/bin/uvicorn linija.asgi:application --host "$host" --port "$port" --no-access-log --lifespan off &
pids+=($!)

echo "Linija is running in DEVELOPMENT MODE on $url/  (worker pid ${pids[0]}, server pid ${pids[1]}). Ctrl-C stops both."
# If either process dies, stop the other too.
wait -n "${pids[@]}"
stop
