# Sourced by start.sh and stop.sh: where the cluster lives, its binaries and who runs it.
# PostgreSQL refuses to run as root, so as root it runs as the unprivileged CERS_PG_USER.
pg_find_bin() {
  pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  [ -n "$pgbin" ] && [ -x "$pgbin/initdb" ]
}

pg_install() {
  echo "installing PostgreSQL (Debian package postgresql)" >&2
  # Debian would also create and start a default cluster on port 5432 that nothing here stops.
  mkdir -p /etc/postgresql-common
  echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

as_owner() { "$@"; }
pg_dir="$CERS_STATE_DIR/postgres"
if [ "$(id -u)" = 0 ]; then
  id "$CERS_PG_USER" >/dev/null 2>&1 \
    || useradd --system --no-create-home --shell /usr/sbin/nologin "$CERS_PG_USER"
  # From /, which that user can always enter (the checkout may be out of its reach).
  as_owner() { (cd / && runuser -u "$CERS_PG_USER" -- "$@"); }
  if ! as_owner test -x "$CERS_STATE_DIR"; then
    # The checkout sits where that user cannot reach (e.g. under /root): keep the cluster in a
    # folder of its own, named after the checkout so that two checkouts never share one.
    pg_dir="/var/tmp/cers-postgres-$(printf '%s' "$CERS_ROOT" | md5sum | cut -c1-8)"
  fi
fi
pg_data="$pg_dir/data"
pg_socket_dir="$pg_dir/run"
