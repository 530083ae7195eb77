# The two commands a newcomer needs (see README.md):
#   make run    Grafana with this plugin and the hunting API emulator as its backend (docker compose)
#   make test   every test of the project, installing what a fresh machine lacks
# and two for packaging:
#   make build    the frontend and the backend for docker compose's Grafana on this machine into dist/
#   make release  the frontend and the backend for every platform Grafana runs on, zipped for installing
.PHONY: run test build release frontend

PLUGIN_ID := quarry-defender-datasource
VERSION := $(shell node -p "require('./package.json').version")

run: build
	docker compose up --build

test:
	./scripts/test-all.sh

frontend:
	[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
	npm run build

# build: linux/amd64, and linux for this machine's architecture (arm64 on Apple Silicon and Graviton); see
# Local in Magefile.go. For a Grafana installed natively on macOS or Windows, use make release.
build: frontend
	go run github.com/magefile/mage -v local

# release: linux amd64/arm64/arm, darwin amd64/arm64 and windows amd64 (mage's default, buildAll), then
# dist/ zipped as $(PLUGIN_ID)-$(VERSION).zip with the plugin folder at its root, as Grafana installs it.
release: frontend
	go run github.com/magefile/mage -v
	rm -rf $(PLUGIN_ID) $(PLUGIN_ID)-$(VERSION).zip
	cp -r dist $(PLUGIN_ID)
	zip -qr $(PLUGIN_ID)-$(VERSION).zip $(PLUGIN_ID)
	rm -rf $(PLUGIN_ID)
	@echo "built $(PLUGIN_ID)-$(VERSION).zip"
