# Mend. `make run` serves the app; `make test` runs everything CI runs.
GO      ?= go
PKGS    := ./...
FUZZTIME ?= 10s
# make crashtest ROUNDS=20 (make test runs 3)
ROUNDS  ?= 20
# The packages whose tests also run with the race detector, and the web
# tests among them (the whole web package is too slow under -race).
RACEPKGS ?= ./internal/auth/ ./internal/store/ ./internal/db/ ./internal/guidance/
RACEWEB  ?= Concurren|Race|Parallel|Cache|Throttle|Session
# The packages whose tests run again on PostgreSQL with MEND_TEST_POSTGRES.
PGPKGS   ?= ./internal/web/ ./internal/jobs/ ./internal/store/
# make loadtest COUPLES=1000 DAYS=365 COMPARE=100 DURATION=10s HISTORY=20
COUPLES ?= 1000
DAYS    ?= 365
COMPARE ?= 100
DURATION ?= 10s
HISTORY ?= 20
PGCOUPLES ?= 100
# The revision `mend version` prints where the build info has none (a git
# worktree, a container build without .git).
REVISION ?= $(shell git rev-parse HEAD 2>/dev/null)

.PHONY: run test test-postgres race crashtest build generate lint fuzz loadtest bench cover clean axe static image image-check verify-unit

run: generate
	$(GO) run ./cmd/mend serve

build: generate
	$(GO) build -trimpath -ldflags "-X main.revision=$(REVISION)" -o bin/mend ./cmd/mend

generate:
	$(GO) tool templ generate

# Everything CI checks: lint, all tests on SQLite (browser tests included), a
# short run of the Markdown fuzzer, the race detector on the packages with
# concurrency, a short crash test, and, with MEND_TEST_POSTGRES, the HTTP and
# browser tests again on PostgreSQL (required under CI=true).
test: lint axe
	MEND_TEST_POSTGRES= $(GO) test -count=1 $(PKGS)
	$(GO) test -run='^$$' -fuzz=FuzzRenderUser -fuzztime=$(FUZZTIME) ./internal/guidance/
	@$(MAKE) --no-print-directory race
	@$(MAKE) --no-print-directory crashtest ROUNDS=3
	@if [ -n "$$MEND_TEST_POSTGRES" ]; then $(MAKE) --no-print-directory test-postgres; \
	  elif [ "$$CI" = true ]; then echo "CI=true needs MEND_TEST_POSTGRES for the PostgreSQL run"; exit 1; \
	  else echo "MEND_TEST_POSTGRES is not set: the PostgreSQL run of the web tests is skipped"; fi

# The HTTP and browser tests again, each on a fresh PostgreSQL database:
# MEND_TEST_POSTGRES=postgres://user:pass@host/db (a role that may create databases).
test-postgres:
	@test -n "$$MEND_TEST_POSTGRES" || { echo "set MEND_TEST_POSTGRES=postgres://user:pass@host/db"; exit 1; }
	$(GO) test -count=1 $(PGPKGS)

# axe-core, from the npm registry, for the browser tests' accessibility
# sweep (internal/web/a11y_browser_test.go). Without npm the sweep is
# skipped locally; under CI=true it fails.
AXE_VERSION ?= 4.14.1
axe: .cache/axe/node_modules/axe-core/axe.min.js
.cache/axe/node_modules/axe-core/axe.min.js:
	@mkdir -p .cache/axe
	@npm install --silent --prefix .cache/axe --no-save --no-audit --no-fund axe-core@$(AXE_VERSION) || \
	  echo "axe-core could not be installed: the accessibility sweep will be skipped (it fails under CI=true)"

# The race detector on the packages with concurrency, and on the web tests
# that exercise it (RACEWEB), on SQLite.
race:
	MEND_TEST_POSTGRES= $(GO) test -race -count=1 $(RACEPKGS)
	MEND_TEST_POSTGRES= $(GO) test -race -count=1 -run='$(RACEWEB)' ./internal/web/

# Kills mend serve with SIGKILL at random moments while members write, ROUNDS
# times, and checks that every acknowledged write survived and that the
# SQLite file passes integrity_check and foreign_key_check.
crashtest:
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	  $(GO) build -o "$$tmp/mend" ./cmd/mend && $(GO) build -o "$$tmp/crashtest" ./cmd/crashtest && \
	  "$$tmp/crashtest" -mend "$$tmp/mend" -rounds $(ROUNDS)

# go vet, gofmt, generated views up to date, staticcheck (pinned in go.mod as
# a tool) and go.mod/go.sum tidy.
lint:
	$(GO) vet $(PKGS)
	$(GO) tool staticcheck $(PKGS)
	@$(GO) mod tidy -diff >/dev/null 2>&1 || { echo "go.mod or go.sum is not tidy (run go mod tidy):"; $(GO) mod tidy -diff; exit 1; }
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path './.git/*')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	@$(GO) tool templ generate >/dev/null 2>&1; \
	  if [ -d .git ] && [ -n "$$(git status --porcelain -- '*_templ.go')" ]; then \
	    echo "generated views were out of date (now regenerated; commit them):"; git status --porcelain -- '*_templ.go'; exit 1; fi

# Seeds a fresh database in a temporary directory, starts the server and
# measures /healthz and, uncached, the dashboard, /promises, /timeline,
# /settings and a check-in post (alone and with its redirect), then the
# dashboard and /promises cached, printing each as a ratio of /healthz; with
# COMPARE, the dashboard again on a smaller database; HISTORY couples of 90
# and 1,095 days (0: skipped); with MEND_TEST_POSTGRES set, the same again on
# a fresh PostgreSQL database of PGCOUPLES couples. Everything it writes is in
# temporary directories or databases, dropped after.
loadtest:
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	  $(GO) build -o "$$tmp/mend" ./cmd/mend && $(GO) build -o "$$tmp/loadtest" ./cmd/loadtest && \
	  "$$tmp/loadtest" -mend "$$tmp/mend" -couples $(COUPLES) -days $(DAYS) -compare $(COMPARE) \
	    -duration $(DURATION) -history=$$([ "$(HISTORY)" != 0 ] && echo true || echo false) -history-couples $(HISTORY) -pg-couples $(PGCOUPLES)

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
	$(BUILDAH) bud --isolation chroot --layers=false --format docker -f packaging/Containerfile \
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
