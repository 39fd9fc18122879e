# Helpers to run a private PostgreSQL cluster from the local binaries. Sourced by ops/run and ops/test.

pg_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_postgres() {
  echo "PostgreSQL binaries not found; installing them with apt..." >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

# Runs a command as the cluster's owner: `postgres` when we are root (PostgreSQL refuses to run as root).
as_cluster_owner() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql --shell /bin/bash postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
  else
    local port
    while :; do
      port=$(shuf -i 20000-60000 -n 1)
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
  fi
}

# start_cluster DATA_DIR PORT [extra postgres -c settings...]
start_cluster() {
  local data="$1" port="$2"; shift 2
  local bin; bin=$(pg_bin_dir)
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && { id postgres >/dev/null 2>&1 || as_cluster_owner true; chown -R postgres "$data"; }
  if [ ! -f "$data/PG_VERSION" ]; then
    as_cluster_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$data.initdb.log" 2>&1 \
      || { cat "$data.initdb.log" >&2; return 1; }
  fi
  local opts="-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=200"
  for setting in "$@"; do opts="$opts -c $setting"; done
  as_cluster_owner "$bin/pg_ctl" -D "$data" -o "$opts" -l "$data/server.log" -w -t 60 start >/dev/null \
    || { tail -20 "$data/server.log" >&2; return 1; }
}

stop_cluster() {
  local data="$1" bin; bin=$(pg_bin_dir) || return 0
  [ -f "$data/postmaster.pid" ] && as_cluster_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

# create_database PORT NAME  (no error when it exists)
create_database() {
  local port="$1" name="$2" bin; bin=$(pg_bin_dir)
  "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "select 1 from pg_database where datname='$name'" | grep -q 1 \
    || "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$name"
}

cluster_running() {
  local data="$1" bin; bin=$(pg_bin_dir) || return 1
  [ -f "$data/postmaster.pid" ] && as_cluster_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

# Exports PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE from an Npgsql connection string
# ("Host=…;Port=…;Username=…;Password=…;Database=…"), so PostgreSQL's own tools reach the same database.
pg_env_from_connection_string() {
  local pair key value
  IFS=';' read -ra pairs <<<"$1"
  for pair in "${pairs[@]}"; do
    key=$(echo "${pair%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')
    value="${pair#*=}"
    case "$key" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      username|userid|user) export PGUSER="$value" ;;
      password) export PGPASSWORD="$value" ;;
      database) export PGDATABASE="$value" ;;
    esac
  done
}
