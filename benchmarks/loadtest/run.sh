#!/usr/bin/env bash
# Load test on the national data set: gunicorn with the production settings on PostgreSQL, locust headless.
#
#   benchmarks/loadtest/run.sh setup     # venv for locust, database, migrate, seed_scale (once), collectstatic
#   benchmarks/loadtest/run.sh run       # gunicorn + locust (BENCH_DURATION, default 3m) + query counts
#   benchmarks/loadtest/run.sh queries   # only the per-page query counts (Django test client, in-process)
#
# BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/mentorship_scale), BENCH_WORKERS (gunicorn
# processes, default 3), BENCH_THREADS (default 2), BENCH_DURATION, BENCH_THINK_MIN/MAX (seconds).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
OUT="$MENTORSHIP_VAR_DIR/loadtest"
mkdir -p "$OUT"

setup() {
    [ -x var/bench-venv/bin/locust ] || { python3 -m venv var/bench-venv && var/bench-venv/bin/pip install -q -r requirements-bench.txt; }
    local name="${DATABASE_URL##*/}"
    psql "${DATABASE_URL%/*}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$name'" | grep -q 1 \
        || psql "${DATABASE_URL%/*}/postgres" -c "CREATE DATABASE $name"
    .venv/bin/python manage.py migrate --noinput -v0
    .venv/bin/python manage.py collectstatic --noinput -v0
    if [ "$(psql "$DATABASE_URL" -tAc 'SELECT count(*) FROM accounts_jobcenter')" = "0" ]; then
        .venv/bin/python manage.py seed_scale
    else
        echo "The database already has data; to rebuild: .venv/bin/python manage.py seed_scale --flush"
    fi
    # Production runs autovacuum; a server without it (as on the CI machines) never sets the visibility map
    # after the bulk load, so no index-only scans: vacuum once so the load test measures the product.
    psql "$DATABASE_URL" -qc "VACUUM (ANALYZE)"
}

queries() {
    .venv/bin/python benchmarks/loadtest/query_counts.py --json "$OUT/queries.json"
}

run() {
    # Every run starts from the same state: without autovacuum (off on these machines, on in production) the
    # sessions of earlier runs leave dead row versions that each session lookup walks past.
    psql "$DATABASE_URL" -qc "VACUUM (ANALYZE) django_session"
    # Keep-alive above the users' longest think time (BENCH_THINK_MAX, 2 s): with gunicorn's default of 2 s
    # the server closed idle connections just as a user sent its next request on them (status 0 in locust).
    .venv/bin/gunicorn mentorship.wsgi --bind "$BENCH_HOST:$BENCH_PORT" --workers "${BENCH_WORKERS:-3}" \
        --threads "${BENCH_THREADS:-2}" --keep-alive "${BENCH_KEEPALIVE:-5}" \
        --access-logfile /dev/null --error-logfile "$OUT/gunicorn.log" &
    local gunicorn=$!
    trap 'kill $gunicorn 2>/dev/null || true' EXIT
    for _ in $(seq 50); do curl -fs "http://$BENCH_HOST:$BENCH_PORT/healthz/" >/dev/null && break; sleep 0.2; done
    (while sleep 5; do echo "$(date +%T) $(cut -d' ' -f1-3 /proc/loadavg)"; done) > "$OUT/loadavg.log" &
    local sampler=$!
    var/bench-venv/bin/locust -f benchmarks/loadtest/locustfile.py --headless --host "http://$BENCH_HOST:$BENCH_PORT" \
        -u 16 -r 4 -t "${BENCH_DURATION:-3m}" --csv "$OUT/locust" --only-summary 2>&1 | tee "$OUT/locust.log" || true
    kill $sampler
    kill $gunicorn; wait $gunicorn 2>/dev/null || true
    trap - EXIT
    queries
    .venv/bin/python benchmarks/loadtest/report.py "$OUT"
}

case "${1:-run}" in
    setup) setup ;;
    run) run ;;
    queries) queries ;;
    *) echo "usage: $0 setup|run|queries" >&2; exit 2 ;;
esac
