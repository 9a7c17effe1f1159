# Shared by the bench/ scripts (sourced, bash): what several of them need alike.
#
#   PIP_ACCEPT                 the Accept header pip sends for a Simple API page
#   free_port                  a free TCP port on loopback
#   median                     the median of the numbers on standard input (spaces or lines)
#   start_nginx DIR ROOT       nginx 1.22 (non-daemon, its own configuration in DIR, access log off,
#                              sendfile on) serving the files under ROOT on a free loopback port, its
#                              *.json as PEP 691 JSON and *.html as HTML; sets NGINX_PID and NGINX_PORT
#                              and returns once it answers. DIR and ROOT must be readable by nginx's
#                              workers (www-data when started as root): chmod 755 a mktemp -d.

PIP_ACCEPT='application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01'

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

median() {
  tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
}

start_nginx() {
  local dir=$1 root=$2 nginx probe
  nginx=$(command -v nginx || echo /usr/sbin/nginx)
  NGINX_PORT=$(free_port)
  cat >"$dir/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types {
    application/vnd.pypi.simple.v1+json json;
    text/html html;
  }
  charset UTF-8;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $root;
  }
}
CONF
  "$nginx" -p "$dir" -e "$dir/nginx-error.log" -c "$dir/nginx.conf" &
  NGINX_PID=$!
  probe=$(cd "$root" && find . -type f -print -quit | cut -c2-)
  until curl --noproxy '*' -fs -o /dev/null "http://127.0.0.1:$NGINX_PORT$probe"; do
    kill -0 "$NGINX_PID" 2>/dev/null || { cat "$dir/nginx-error.log" >&2; return 1; }
    sleep 0.05
  done
}
