#!/usr/bin/env bash
# Starts the PostgreSQL server the tests use, on this machine, and makes the test role and
# database. Run as root on Debian 12 (tools/run-tests.sh does), after tools/install-deps.sh has
# installed the postgresql package. Idempotent: a server already running, a role or a database
# already there are fine. No systemd is needed: Debian's cluster is started by pg_ctlcluster,
# and made first by pg_createcluster when the package did not make it.
#
# Prints the address for the tests on its last line of standard output:
#   postgresql://kansa:PASSWORD@127.0.0.1:PORT/kansa_test
# (tools/run-tests.sh exports it as KANSA_TEST_PG). The password is a test password for a
# server that listens on the loopback interface only.
set -euo pipefail

role=kansa
password=kansa-test-Pw-7f3q9
database=kansa_test

version=$(ls /usr/lib/postgresql | sort -V | tail -1)
[ -n "$version" ] || { echo "start-test-postgres: no PostgreSQL server installed" >&2; exit 1; }
cluster=main
if ! pg_lsclusters -h "$version" "$cluster" >/dev/null 2>&1; then
  pg_createcluster --locale C.UTF-8 "$version" "$cluster" >&2
fi
# Columns of pg_lsclusters -h: version, cluster, port, status, owner, data directory, log.
read -r _ _ port status _ <<<"$(pg_lsclusters -h "$version" "$cluster")"
case "$status" in
  online*) ;;
  *) pg_ctlcluster "$version" "$cluster" start >&2 ;;
esac
# The server accepts connections a moment after it starts.
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p "$port" >&2

as_postgres() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" "$@"; }
# psql's variables quote the password (:'pw') and names (:"role"): nothing is spliced by hand.
as_postgres -v role="$role" -v pw="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" LOGIN PASSWORD :'pw';
SQL
as_postgres -v role="$role" -v db="$database" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0 LC_COLLATE %L LC_CTYPE %L',
              :'db', :'role', 'UTF8', 'C.UTF-8', 'C.UTF-8')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
echo "postgresql://$role:$password@127.0.0.1:$port/$database"
