# The two commands a newcomer needs (see README.md):
#   make run    Grafana with this plugin and the hunting API emulator as its backend (docker compose)
#   make test   every test of the project, installing what a fresh machine lacks
.PHONY: run test build

run: build
	docker compose up --build

test:
	./scripts/test-all.sh

# build: the frontend bundle and the linux backend binary into dist/, as Grafana loads them.
build:
	[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
	npm run build
	go run github.com/magefile/mage -v build:linux
