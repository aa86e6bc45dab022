#!/bin/sh
# Installs what chibo needs on Debian 12, and nothing when it is all there
# (idempotent: `make run` and `make test` call it every time).
set -e

APT_PACKAGES="build-essential pkg-config libmicrohttpd-dev libjansson-dev libsodium-dev
libicu-dev libsqlite3-dev libxlsxwriter-dev libcsv-dev libcmocka-dev sqlite3
libzip-dev libexpat1-dev
clang libclang-rt-14-dev
nodejs npm chromium fonts-liberation wrk curl ca-certificates"

missing=""
for p in $APT_PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# Any node >= 20 will do (the machine may carry a newer one than Debian's).
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
	missing=$(echo "$missing" | tr ' ' '\n' | grep -vx -e nodejs -e npm | tr '\n' ' ')
fi
if [ -n "$(echo $missing)" ]; then
	echo "deps: cài đặt gói Debian:$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

# npm packages (Vite, TypeScript, chart.js, playwright-core) from the lock file.
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "deps: cài đặt gói npm"
	npm ci --no-audit --no-fund --loglevel=error
fi
