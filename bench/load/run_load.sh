#!/usr/bin/env bash
# Load test (issue 7, item 4): gunicorn on loopback against PostgreSQL holding COUNT letters,
# DURATION of mixed browsing, search and API traffic from CONNECTIONS concurrent clients (wrk).
#   bench/load/run_load.sh                 # 10,000 letters, 120 s, 50 clients
#   COUNT=2000 DURATION=30s bench/load/run_load.sh
# Needs PostgreSQL (scripts/with-postgres starts a throwaway server) and wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT=${COUNT:-10000} DURATION=${DURATION:-120s} CONNECTIONS=${CONNECTIONS:-50} WORKERS=${WORKERS:-4}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
exec scripts/with-postgres bash -c '
  set -euo pipefail
  export MEDIA_ROOT=$(mktemp -d) DJANGO_PRODUCTION=1 SECRET_KEY=load-test-only-$(date +%s)-not-a-real-secret-key-0123456789
  export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0
  .venv/bin/python bench/load_archive.py --count '"$COUNT"'
  .venv/bin/python manage.py collectstatic --noinput -v0
  paths=$(mktemp)
  .venv/bin/python bench/load/paths.py > "$paths"
  .venv/bin/gunicorn archive.wsgi --bind 127.0.0.1:8099 --workers '"$WORKERS"' --log-level warning &
  server=$!
  trap "kill $server 2>/dev/null && wait $server 2>/dev/null || true" EXIT  # gunicorn ends before PostgreSQL does
  for i in $(seq 50); do curl -sf -o /dev/null http://127.0.0.1:8099/ && break; sleep 0.2; done
  echo "gunicorn with '"$WORKERS"' workers, PostgreSQL, '"$COUNT"' letters; wrk -c'"$CONNECTIONS"' -d'"$DURATION"'"
  wrk -t2 -c'"$CONNECTIONS"' -d'"$DURATION"' --timeout 10s -s bench/load/mixed.lua http://127.0.0.1:8099 -- "$paths"
'
