#!/bin/sh
# Benchmarks (`make bench`), each reported as a ratio against a peer
# measured in the same run on the same machine:
#   1. CSV import of N generated members (default 100.000): chibo's
#      validated all-or-nothing import vs sqlite3's raw `.import` of the
#      same file into a plain table.
#   2. Member list (GET /api/v1/members?limit=50) on the demo bloc with wrk
#      vs nginx serving the same JSON bytes as a static file.
# Results go to stdout; copy them into bench/RESULTS.md with the date.
set -e
cd "$(dirname "$0")/.."
N=${BENCH_MEMBERS:-100000}
DUR=${BENCH_SECONDS:-10}
T=$(mktemp -d)
trap 'kill $SRV $NGX 2>/dev/null || true; rm -rf "$T"' EXIT
CHIBO=build/chibo
command -v nginx >/dev/null || { apt-get install -y -qq nginx-light >/dev/null 2>&1 || true; }

now() { date +%s.%N; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "== import: $N members"
$CHIBO init --db sqlite:$T/src.db --demo $N >/dev/null 2>&1
ROOT=$($CHIBO org list --db sqlite:$T/src.db --depth 1 | cut -f1)
$CHIBO export members --db sqlite:$T/src.db --org "$ROOT" -o $T/members.csv
cp $T/src.db $T/dst.db
sqlite3 $T/dst.db "DELETE FROM member;"
t0=$(now)
$CHIBO import members --db sqlite:$T/dst.db --org "$ROOT" $T/members.csv 2>/dev/null
t1=$(now)
chibo_rate=$(awk -v n=$N -v a=$t0 -v b=$t1 'BEGIN { printf "%.0f", n / (b - a) }')
t0=$(now)
sqlite3 $T/peer.db ".mode csv" ".import $T/members.csv raw"
t1=$(now)
peer_rate=$(awk -v n=$N -v a=$t0 -v b=$t1 'BEGIN { printf "%.0f", n / (b - a) }')
echo "chibo import:      $chibo_rate rows/s (parse, validate, ICU keys, audit, one transaction)"
echo "sqlite3 .import:   $peer_rate rows/s (raw text, no checks)"
echo "ratio chibo/peer:  $(ratio $chibo_rate $peer_rate)"

echo "== member list: demo bloc, wrk $DUR s, 2 threads, 32 connections"
$CHIBO init --db sqlite:$T/bloc.db --demo bloc >/dev/null 2>&1
printf 'bench-pass-1\n' | $CHIBO user add --db sqlite:$T/bloc.db --username bench --role officer --org DUK 2>/dev/null
PORT=18180
$CHIBO serve --db sqlite:$T/bloc.db --listen 127.0.0.1:$PORT --threads 2 2>/dev/null &
SRV=$!
sleep 0.5
TOKEN=$(curl -s -c $T/jar -X POST http://127.0.0.1:$PORT/api/v1/session \
	-d '{"username":"bench","password":"bench-pass-1"}' >/dev/null;
	curl -s -b $T/jar -X POST -H "X-CSRF-Token: $(curl -s -b $T/jar http://127.0.0.1:$PORT/api/v1/session | sed 's/.*"csrf_token":"\([^"]*\)".*/\1/')" \
	http://127.0.0.1:$PORT/api/v1/tokens -d '{"name":"bench"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
URL="http://127.0.0.1:$PORT/api/v1/members?limit=50"
curl -s -H "Authorization: Bearer $TOKEN" "$URL" > $T/members.json
chibo_rps=$(wrk -t2 -c32 -d${DUR}s -H "Authorization: Bearer $TOKEN" "$URL" | awk '/Requests\/sec/ { print $2 }')
echo "chibo:  $chibo_rps req/s ($(wc -c < $T/members.json) bytes per answer)"
if command -v nginx >/dev/null; then
	mkdir -p $T/www $T/ngx
	cp $T/members.json $T/www/members.json
	cat > $T/nginx.conf <<CONF
daemon off; worker_processes 2; pid $T/ngx/pid; error_log $T/ngx/error.log;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:18181; root $T/www; } }
CONF
	nginx -c $T/nginx.conf -p $T/ngx &
	NGX=$!
	sleep 0.5
	ngx_rps=$(wrk -t2 -c32 -d${DUR}s http://127.0.0.1:18181/members.json | awk '/Requests\/sec/ { print $2 }')
	echo "nginx:  $ngx_rps req/s (same bytes, static file)"
	echo "ratio chibo/nginx: $(ratio $chibo_rps $ngx_rps)"
else
	echo "nginx not available: no peer measured"
fi
