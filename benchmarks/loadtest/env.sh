# Sourced by the load-test scripts: production settings on the load-test database.
# Secrets are generated once into var/bench-secrets.env (never committed): seed_scale and gunicorn must
# share the CPR keys, or the seeded CPR numbers cannot be decrypted.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECRETS="$ROOT/var/bench-secrets.env"
mkdir -p "$ROOT/var"
if [ ! -f "$SECRETS" ]; then
    "$ROOT/.venv/bin/python" - > "$SECRETS" <<'PY'
import secrets
from cryptography.fernet import Fernet
print(f"DJANGO_SECRET_KEY={secrets.token_urlsafe(60)}")
print(f"MENTORSHIP_CPR_KEY={Fernet.generate_key().decode()}")
print(f"MENTORSHIP_CPR_HASH_KEY={secrets.token_hex(32)}")
PY
fi
set -a
. "$SECRETS"
DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/mentorship_scale}"
DJANGO_DEBUG=false
# Plain HTTP on the loopback: TLS belongs to the reverse proxy, and secure cookies would not be sent back.
DJANGO_HTTPS=false
DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
DJANGO_LOG_LEVEL=WARNING
MENTORSHIP_VAR_DIR="${MENTORSHIP_VAR_DIR:-$ROOT/var/bench}"
BENCH_HOST="${BENCH_HOST:-127.0.0.1}"
BENCH_PORT="${BENCH_PORT:-8765}"
set +a
