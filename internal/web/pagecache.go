package web

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"mend/internal/store"
)

// pageCache keeps the rendered body of a page that is read far more often
// than it changes (the dashboard), per login session, so that a partner
// opening it again does not redo a dozen queries and five charts. An entry
// serves only while its space is unchanged: every successful form post by a
// member moves their space's version on (noteWrites), and the key carries
// the version. The version lives in the database (spaces.version), not in
// this process, and is read with the member's membership at the start of
// every request: every server on one database sees every other's changes at
// once, at no extra query. Entries also expire after a short time, which bounds what
// time alone changes.
type pageCache struct {
	mu      sync.Mutex
	entries map[string]pageEntry
	ttl     time.Duration
	max     int
	now     func() time.Time
	store   *store.Store
}

// pageCacheTTL is how long a cached page may be served at most.
const pageCacheTTL = 30 * time.Second

type pageEntry struct {
	body []byte
	made time.Time
}

// newPageCache returns a cache; a disabled one keeps nothing.
func newPageCache(st *store.Store, now func() time.Time, enabled bool) *pageCache {
	pc := &pageCache{entries: map[string]pageEntry{}, ttl: pageCacheTTL, max: 200, now: now, store: st}
	if !enabled {
		pc.max = 0
	}
	return pc
}

// key is the cache key of a page for a session in a member's space, at the
// space's version read with the membership as the request began; parts name
// everything else the page depends on (the day, the query, ...). It is ""
// (nothing is cached) when the cache is off.
func (pc *pageCache) key(session string, m *store.Membership, parts ...string) string {
	if pc.max == 0 {
		return ""
	}
	return session + "|" + m.SpaceID + "|" + strconv.FormatInt(m.SpaceVersion, 10) + "|" + strings.Join(parts, "|")
}

// get returns the body stored under key while it is fresh.
func (pc *pageCache) get(key string) ([]byte, bool) {
	if key == "" {
		return nil, false
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	e, ok := pc.entries[key]
	if !ok || pc.now().Sub(e.made) > pc.ttl {
		return nil, false
	}
	return e.body, true
}

// put stores body under key, making room by dropping stale entries, or
// the oldest when none is stale.
func (pc *pageCache) put(key string, body []byte) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.max == 0 || key == "" {
		return
	}
	now := pc.now()
	if len(pc.entries) >= pc.max {
		oldest, at := "", now
		for k, e := range pc.entries {
			if now.Sub(e.made) > pc.ttl {
				delete(pc.entries, k)
			} else if e.made.Before(at) {
				oldest, at = k, e.made
			}
		}
		if len(pc.entries) >= pc.max {
			delete(pc.entries, oldest)
		}
	}
	pc.entries[key] = pageEntry{body: body, made: now}
}

// bump records that something in the space changed, for every server on
// the database, whether or not this one caches pages.
func (pc *pageCache) bump(ctx context.Context, space string) error {
	if space == "" {
		return nil
	}
	return pc.store.BumpSpace(ctx, space)
}

// keep wraps body so that what it renders is also stored under key.
func (pc *pageCache) keep(key string, body templ.Component) templ.Component {
	if key == "" { // the cache is off: nothing to keep
		return body
	}
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		var buf bytes.Buffer
		if err := body.Render(ctx, &buf); err != nil {
			return err
		}
		pc.put(key, buf.Bytes())
		_, err := w.Write(buf.Bytes())
		return err
	})
}

// cachedBody is a body rendered earlier.
func cachedBody(b []byte) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// noteWrites moves the version of the actor's space on after every
// successful unsafe request, so that cached pages of the space are not
// served again. The response (a small redirect) is still buffered then: the
// member's next page, on any server, finds the new version.
func (s *Server) noteWrites(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return err
		}
		if a := actorOf(c); err == nil && a.member != nil {
			// The write is done; a failed bump leaves cached pages to their
			// time limit, which is no reason to answer 500.
			if berr := s.pages.bump(context.WithoutCancel(c.Request().Context()), a.member.SpaceID); berr != nil {
				s.log.Warn("page cache bump", "err", berr)
			}
		}
		return err
	}
}
