# Mend. `make run` serves the app; `make test` runs everything CI runs.
GO      ?= go
PKGS    := ./...
FUZZTIME ?= 10s
# make loadtest COUPLES=1000 DAYS=365 COMPARE=100
COUPLES ?= 1000
DAYS    ?= 365
COMPARE ?= 100
# The revision `mend version` prints where the build info has none (a git
# worktree, a container build without .git).
REVISION ?= $(shell git rev-parse HEAD 2>/dev/null)

.PHONY: run test test-postgres build generate lint fuzz loadtest bench cover clean axe static image image-check verify-unit

run: generate
	$(GO) run ./cmd/mend serve

build: generate
	$(GO) build -trimpath -ldflags "-X main.revision=$(REVISION)" -o bin/mend ./cmd/mend

generate:
	$(GO) tool templ generate

# Everything CI checks: lint, all tests (browser tests included), and a short
# run of the Markdown fuzzer.
test: lint axe
	$(GO) test -count=1 $(PKGS)
	$(GO) test -run='^$$' -fuzz=FuzzRenderUser -fuzztime=$(FUZZTIME) ./internal/guidance/

# The HTTP and browser tests again, each on a fresh PostgreSQL database:
# MEND_TEST_POSTGRES=postgres://user:pass@host/db (a role that may create databases).
test-postgres:
	@test -n "$$MEND_TEST_POSTGRES" || { echo "set MEND_TEST_POSTGRES=postgres://user:pass@host/db"; exit 1; }
	$(GO) test -count=1 ./internal/web/

# axe-core, from the npm registry, for the browser tests' accessibility
# sweep (internal/web/a11y_browser_test.go). Without npm the sweep is
# skipped locally; under CI=true it fails.
AXE_VERSION ?= 4.14.1
axe: .cache/axe/node_modules/axe-core/axe.min.js
.cache/axe/node_modules/axe-core/axe.min.js:
	@mkdir -p .cache/axe
	@npm install --silent --prefix .cache/axe --no-save --no-audit --no-fund axe-core@$(AXE_VERSION) || \
	  echo "axe-core could not be installed: the accessibility sweep will be skipped (it fails under CI=true)"

lint:
	$(GO) vet $(PKGS)
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path './.git/*')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	@$(GO) tool templ generate >/dev/null 2>&1; \
	  if [ -d .git ] && [ -n "$$(git status --porcelain -- '*_templ.go')" ]; then \
	    echo "generated views were out of date (now regenerated; commit them):"; git status --porcelain -- '*_templ.go'; exit 1; fi

# Seeds a fresh database in a temporary directory, starts the server and
# measures /healthz, the dashboard, /promises and a check-in post, printing
# each as a ratio of /healthz; with COMPARE, the dashboard again on a
# smaller database. Everything it writes is in temporary directories.
loadtest:
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	  $(GO) build -o "$$tmp/mend" ./cmd/mend && $(GO) build -o "$$tmp/loadtest" ./cmd/loadtest && \
	  "$$tmp/loadtest" -mend "$$tmp/mend" -couples $(COUPLES) -days $(DAYS) -compare $(COMPARE)

# A static binary (SQLite compiled in and linked statically) for the image.
STATIC_TAGS    := sqlite_omit_load_extension,osusergo,netgo
STATIC_LDFLAGS := -s -w -linkmode external -extldflags '-static' -X main.revision=$(REVISION)
static: generate
	CGO_ENABLED=1 $(GO) build -trimpath -tags $(STATIC_TAGS) -ldflags "$(STATIC_LDFLAGS)" -o bin/image/mend ./cmd/mend
	mkdir -p bin/image/data

# The container image, with Debian's buildah (no container engine needed).
# BINARY=prebuilt (the default) puts the host's `make static` binary in it;
# BINARY=build compiles inside the Containerfile's build stage (GO_IMAGE,
# pulled from a registry).
IMAGE   ?= localhost/mend:latest
BUILDAH ?= buildah
BINARY  ?= prebuilt
image: $(if $(filter prebuilt,$(BINARY)),static)
	$(BUILDAH) bud --isolation chroot --layers=false --force-rm --format docker -f packaging/Containerfile \
	  --build-arg BINARY=$(BINARY) --build-arg REVISION=$(REVISION) -t $(IMAGE) .

# Runs the image's binary from its own file system until it is healthy.
image-check:
	packaging/check-image.sh $(IMAGE)

# Checks the systemd unit (with ExecStart pointed at bin/mend) and prints
# its exposure score; fails above 2.0.
verify-unit: build
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	  sed "s#/usr/local/bin/mend#$(CURDIR)/bin/mend#" packaging/mend.service > "$$tmp/mend.service" && \
	  systemd-analyze verify "$$tmp/mend.service" && \
	  { out=$$(systemd-analyze security --offline=yes --threshold=20 "$$tmp/mend.service"); rc=$$?; \
	    echo "$$out" | tail -1; exit $$rc; }

fuzz:
	$(GO) test -run='^$$' -fuzz=FuzzRenderUser -fuzztime=5m ./internal/guidance/

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./internal/...

cover:
	$(GO) test -count=1 -coverprofile=coverage.out $(PKGS)
	$(GO) tool cover -func=coverage.out | tail -1

clean:
	rm -rf bin coverage.out
