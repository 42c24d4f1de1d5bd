#!/usr/bin/env bash
# Serve the playground to more visitors than one process can: several `streamlit run`
# processes behind nginx, each browser kept on one of them (sticky sessions).
#
#   deploy/serve.sh [processes] [port]   # defaults: one process per core (nproc), port 8501
#   deploy/serve.sh stop [port]          # stops the one serving that port; so do Ctrl-C and
#                                        # `kill <its pid>`
#
# Needs nginx and curl (Debian: `apt-get install -y nginx curl`; nginx's own service stays off,
# this script runs its own) and `streamlit` on PATH (the venv). It starts, from the repo:
#   - `streamlit run app.py` on 127.0.0.1:<port+1> ... 127.0.0.1:<port+processes>,
#   - nginx in the foreground on <port> (all addresses), with its config, pid file and logs
#     (and each Streamlit process's log) in ${TMPDIR:-/tmp}/streamlit-serve-<port>/, kept
#     after a stop so they can be read,
# waits until each process answers /_stcore/health and then the health check answers through
# nginx, and stops everything when interrupted, told to stop, or when any one process exits.
# Environment: BACKEND_PORT (the first process's port), STREAMLIT_* options (e.g.
# STREAMLIT_SERVER_FILE_WATCHER_TYPE=auto to reload on save; this script turns it off).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [[ ${1:-} == stop ]]; then
  RUN=${TMPDIR:-/tmp}/streamlit-serve-${2:-8501}
  pid=$(cat "$RUN/serve.pid" 2>/dev/null) || { echo "nothing serves port ${2:-8501}"; exit 1; }
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  echo "stopped"
  exit 0
fi

N=${1:-$(nproc)}
PORT=${2:-8501}
FIRST=${BACKEND_PORT:-$((PORT + 1))}
RUN=${TMPDIR:-/tmp}/streamlit-serve-$PORT
command -v nginx >/dev/null || { echo "needs nginx: apt-get install -y nginx" >&2; exit 1; }
command -v streamlit >/dev/null || { echo "needs streamlit on PATH (the venv)" >&2; exit 1; }
if [[ -e $RUN/serve.pid ]] && kill -0 "$(cat "$RUN/serve.pid")" 2>/dev/null; then
  echo "port $PORT is already served (pid $(cat "$RUN/serve.pid"))" >&2; exit 1
fi
rm -rf "$RUN" && mkdir -p "$RUN"
chmod 755 "$RUN"  # nginx's workers (user nobody when started as root) write temp files here

PIDS=()
stop_all() {
  trap '' INT TERM && trap - EXIT
  echo "stopping ${#PIDS[@]} process(es)..."
  kill -TERM "${PIDS[@]}" 2>/dev/null || true
  for ((t = 0; t < 75; t++)); do  # up to 15 s, until all have exited (zombies until waited)
    ps -o stat= -p "${PIDS[@]}" 2>/dev/null | grep -qv '^Z' || break
    sleep 0.2
  done
  kill -KILL "${PIDS[@]}" 2>/dev/null || true  # any still there
  wait 2>/dev/null || true
  rm -f "$RUN/serve.pid"
  echo "stopped; logs in $RUN"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
echo $$ >"$RUN/serve.pid"

# Every process signs cookies (st.login, if ever used) with the same secret; the file watcher
# is off: a class server does not reload on save, and N processes would each watch the tree.
SECRET=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
export STREAMLIT_SERVER_COOKIE_SECRET=${STREAMLIT_SERVER_COOKIE_SECRET:-$SECRET}
export STREAMLIT_SERVER_FILE_WATCHER_TYPE=${STREAMLIT_SERVER_FILE_WATCHER_TYPE:-none}
UPSTREAMS="" KNOWN=""
cd "$ROOT"
for ((i = 0; i < N; i++)); do
  p=$((FIRST + i))
  # No --server.enableCORS/--server.enableXsrfProtection false: nginx passes the browser's
  # Host header on, so the websocket's Origin matches it (same origin) and XSRF keeps working.
  streamlit run app.py --server.port "$p" --server.address 127.0.0.1 --server.headless true \
    >"$RUN/streamlit-$p.log" 2>&1 &
  PIDS+=($!)
  UPSTREAMS+="    server 127.0.0.1:$p;"$'\n'
  KNOWN+="    127.0.0.1:$p 127.0.0.1:$p;"$'\n'
done

# Sticky sessions: Streamlit keeps a session's state in the process that holds its websocket
# (/_stcore/stream); that session's file uploads (PUT /_stcore/upload_file/<session>/...), its
# media (/media/...) and its reconnect after a dropped websocket must reach the same process.
# ip_hash would put a whole class behind one school NAT on ONE process, and so would
# $remote_addr$http_user_agent for identical school browsers; a hash of a random per-browser
# cookie spreads them at random (a class of 30 came out 20/11). So a browser's first request
# goes to the process with the fewest open connections (least_conn: mostly open websockets,
# i.e. visitors), and nginx names that process in a cookie (st_backend) that every later
# request of that browser follows; a missing or unknown cookie counts as none. A client that
# keeps no cookies (curl, bench/bench_class.py) is placed by least_conn request by request:
# fine for a websocket-only client, whose whole session is one connection to one process.
cat >"$RUN/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $RUN/nginx.pid;
error_log $RUN/nginx-error.log warn;
events { worker_connections 4096; }
http {
  log_format sticky '\$remote_addr [\$time_local] "\$request" \$status \$request_time '
                    'cookie=\$cookie_st_backend upstream=\$upstream_addr';
  access_log $RUN/nginx-access.log sticky;
  client_body_temp_path $RUN/body;
  proxy_temp_path $RUN/proxy;
  fastcgi_temp_path $RUN/fastcgi;
  uwsgi_temp_path $RUN/uwsgi;
  scgi_temp_path $RUN/scgi;

  map \$cookie_st_backend \$backend {  # only the processes started here, nothing else
    default fresh;
$KNOWN  }
  map \$backend \$st_set_cookie {
    fresh "st_backend=\$upstream_addr; Path=/; HttpOnly; SameSite=Lax"; default "";
  }
  map \$http_upgrade \$connection_upgrade { default upgrade; "" ""; }

  upstream fresh {
    least_conn;
    # no keepalive here: on reused connections each answer waited 40 ms (Nagle/delayed ACK)
$UPSTREAMS  }
  server {
    listen $PORT;
    client_max_body_size 200m;  # Streamlit's own upload limit (server.maxUploadSize)
    add_header Set-Cookie \$st_set_cookie always;  # an empty value sends no header
    proxy_http_version 1.1;
    proxy_set_header Host \$http_host;  # with its port: Streamlit's websocket origin check
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto \$scheme;
    proxy_set_header Upgrade \$http_upgrade;
    proxy_set_header Connection \$connection_upgrade;
    location / {
      proxy_pass http://\$backend;
      proxy_request_buffering off;  # uploads go straight through
    }
    location = /_stcore/stream {  # the websocket: open for hours, messages passed at once
      proxy_pass http://\$backend;
      proxy_buffering off;
      proxy_read_timeout 24h;
      proxy_send_timeout 24h;
    }
  }
}
EOF

healthy() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1/_stcore/health"; }
for ((i = 0; i < N; i++)); do
  p=$((FIRST + i))
  for ((t = 0; ; t++)); do
    healthy "$p" 2>/dev/null && break
    kill -0 "${PIDS[i]}" 2>/dev/null && ((t < 600)) || {
      echo "streamlit on port $p did not start; its log:" >&2
      tail -20 "$RUN/streamlit-$p.log" >&2; exit 1; }
    sleep 0.2
  done
done
nginx -p "$RUN" -c "$RUN/nginx.conf" &
PIDS=($! "${PIDS[@]}")  # nginx first: it stops taking visitors before the processes go
for ((t = 0; ; t++)); do
  healthy "$PORT" 2>/dev/null && break
  kill -0 "${PIDS[0]}" 2>/dev/null && ((t < 50)) || {
    echo "nginx did not start:" >&2; cat "$RUN/nginx-error.log" >&2; exit 1; }
  sleep 0.2
done
echo "serving http://127.0.0.1:$PORT with $N process(es): pids ${PIDS[*]:1} (nginx ${PIDS[0]})"
echo "Ctrl-C or 'deploy/serve.sh stop $PORT' stops it; logs and config in $RUN"

wait -n "${PIDS[@]}" || true
echo "a process exited: stopping the rest" >&2
exit 1
