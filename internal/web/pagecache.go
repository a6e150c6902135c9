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
)

// pageCache keeps the rendered body of a page that is read far more often
// than it changes (the dashboard), per login session, so that a partner
// opening it again does not redo a dozen queries and five charts. An entry
// serves only while its space is unchanged: every successful form post by a
// member moves their space's version on (noteWrites), and the key carries
// the version. Entries also expire after a short time, which bounds what
// happens outside this process (another server on the same PostgreSQL
// database, a command-line change) and what time alone changes.
type pageCache struct {
	mu       sync.Mutex
	versions map[string]uint64 // space id → version
	entries  map[string]pageEntry
	ttl      time.Duration
	max      int
	now      func() time.Time
}

// pageCacheTTL is how long a cached page may be served at most.
const pageCacheTTL = 30 * time.Second

type pageEntry struct {
	body []byte
	made time.Time
}

// newPageCache returns a cache; a disabled one keeps nothing.
func newPageCache(now func() time.Time, enabled bool) *pageCache {
	pc := &pageCache{versions: map[string]uint64{}, entries: map[string]pageEntry{}, ttl: pageCacheTTL, max: 200, now: now}
	if !enabled {
		pc.max = 0
	}
	return pc
}

// key is the cache key of a page for a session in a space; parts name
// everything else the page depends on (the day, the query, ...).
func (pc *pageCache) key(session, space string, parts ...string) string {
	pc.mu.Lock()
	v := pc.versions[space]
	pc.mu.Unlock()
	return session + "|" + space + "|" + strconv.FormatUint(v, 10) + "|" + strings.Join(parts, "|")
}

// get returns the body stored under key while it is fresh.
func (pc *pageCache) get(key string) ([]byte, bool) {
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
	if pc.max == 0 {
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

// bump records that something in the space changed.
func (pc *pageCache) bump(space string) {
	if space == "" {
		return
	}
	pc.mu.Lock()
	pc.versions[space]++
	pc.mu.Unlock()
}

// keep wraps body so that what it renders is also stored under key.
func (pc *pageCache) keep(key string, body templ.Component) templ.Component {
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
// served again.
func (s *Server) noteWrites(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return err
		}
		if a := actorOf(c); err == nil && a.member != nil {
			s.pages.bump(a.member.SpaceID)
		}
		return err
	}
}
