#!/bin/sh
# `make run`: creates data/chibo.db with the demo bloc and a demo officer
# account on first run, then serves the web UI.
set -e
cd "$(dirname "$0")/.."
DB=${CHIBO_DB:-sqlite:data/chibo.db}
LISTEN=${CHIBO_LISTEN:-127.0.0.1:8080}
if [ ! -f data/chibo.db ] && [ "$DB" = "sqlite:data/chibo.db" ]; then
	mkdir -p data
	echo "Tạo cơ sở dữ liệu mẫu data/chibo.db (Đảng bộ Khối: 94 tổ chức cơ sở đảng, 7.595 đảng viên)..."
	build/chibo init --db "$DB" --demo bloc
	printf 'chibo-demo-2025\n' | build/chibo user add --db "$DB" --username admin --role admin --org DUK
	printf 'chibo-demo-2025\n' | build/chibo user add --db "$DB" --username canbo --role officer --org DUK
fi
cat <<MSG

  chibo đang chạy: http://$LISTEN
  Đăng nhập (dữ liệu mẫu): tên đăng nhập "canbo" hoặc "admin", mật khẩu "chibo-demo-2025"
  Dừng: Ctrl+C

MSG
exec build/chibo serve --db "$DB" --listen "$LISTEN"
