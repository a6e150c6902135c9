# Mend. `make run` serves the app; `make test` runs everything CI runs.
GO      ?= go
PKGS    := ./...
FUZZTIME ?= 10s
# make loadtest COUPLES=1000 DAYS=365 COMPARE=100 DURATION=10s HISTORY=20
COUPLES ?= 1000
DAYS    ?= 365
COMPARE ?= 100
DURATION ?= 10s
HISTORY ?= 20
PGCOUPLES ?= 100

.PHONY: run test test-postgres build generate lint fuzz loadtest bench cover clean axe

run: generate
	$(GO) run ./cmd/mend serve

build: generate
	$(GO) build -trimpath -o bin/mend ./cmd/mend

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

fuzz:
	$(GO) test -run='^$$' -fuzz=FuzzRenderUser -fuzztime=5m ./internal/guidance/

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./internal/...

cover:
	$(GO) test -count=1 -coverprofile=coverage.out $(PKGS)
	$(GO) tool cover -func=coverage.out | tail -1

clean:
	rm -rf bin coverage.out
