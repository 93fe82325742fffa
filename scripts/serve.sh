#!/usr/bin/env bash
# Serve Linija: the ASGI server and the background worker together; Ctrl-C stops both.
set -u
host=${1:-127.0.0.1}
port=${2:-8000}
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 1
py=.venv/bin/python

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

echo "Linija is running on http://$host:$port/  (worker pid ${pids[0]}, server pid ${pids[1]}). Ctrl-C stops both."
# If either process dies, stop the other too.
wait -n "${pids[@]}"
stop
