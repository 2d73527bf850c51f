# Sourced by .ci/run: make a PostgreSQL answer on 127.0.0.1:5432 with a database `test`, then export
# DATABASE_URL so the server suite also runs on it. Never fails CI: without PostgreSQL it warns and
# leaves DATABASE_URL unset (the suite still runs on PGlite).
# shellcheck shell=bash

pg_url=postgres://postgres@127.0.0.1:5432/test

pg_answers() { command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; }

pg_psql() { # runs psql as the postgres OS user (peer auth), falling back to TCP as role postgres
  if command -v su >/dev/null 2>&1 && id postgres >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    su postgres -c "psql -qAt -v ON_ERROR_STOP=1 $(printf '%q ' "$@")"
  else
    psql -qAt -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres "$@"
  fi
}

pg_start_cluster() {
  command -v pg_ctlcluster >/dev/null 2>&1 || return 1
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  [ -n "$version" ] || return 1
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do pg_answers && return 0; sleep 1; done
  return 1
}

pg_trust_local_tcp() { # the tests connect as postgres without a password over 127.0.0.1
  local hba
  hba=$(pg_psql -c 'SHOW hba_file' 2>/dev/null) || return 0
  [ -n "$hba" ] && [ -f "$hba" ] || return 0
  if ! grep -Eq '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
    as_root sed -i '1i host all all 127.0.0.1/32 trust' "$hba" && pg_psql -c 'SELECT pg_reload_conf()' >/dev/null || true
  fi
}

pg_setup() {
  if ! pg_answers; then
    echo "== PostgreSQL not answering on 127.0.0.1:5432: trying to start it"
    if ! pg_start_cluster; then
      if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        echo "== installing PostgreSQL (apt)"
        apt_install postgresql postgresql-client || return 1
      fi
      pg_start_cluster || return 1
    fi
    pg_trust_local_tcp
  fi
  if ! psql -qAt -h 127.0.0.1 -U postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
    pg_trust_local_tcp
  fi
  if [ "$(psql -qAt -h 127.0.0.1 -U postgres -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'test'" 2>/dev/null)" != 1 ]; then
    psql -q -h 127.0.0.1 -U postgres -d postgres -c 'CREATE DATABASE test' >/dev/null 2>&1 || pg_psql -c 'CREATE DATABASE test' >/dev/null || return 1
  fi
  psql -qAt -h 127.0.0.1 -U postgres -d test -c 'SELECT 1' >/dev/null 2>&1
}

if pg_setup; then
  export DATABASE_URL="$pg_url"
  echo "== PostgreSQL ready: DATABASE_URL=$DATABASE_URL (server tests run on PGlite and PostgreSQL)"
else
  unset DATABASE_URL
  echo "== WARNING: no PostgreSQL available; the server tests run on PGlite only" >&2
fi
true

# Tests that restart PostgreSQL start their own cluster (initdb + pg_ctl on their own port): make
# sure the server binaries are there even when something else already answers on 5432.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "== installing PostgreSQL server binaries (apt) for the restart tests"
  apt_install postgresql || echo "== WARNING: no PostgreSQL binaries; the restart tests will be skipped" >&2
fi
true
