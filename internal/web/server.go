// Package web is Mend's HTTP server: one route table, the middleware that
// decides who is asking and what they may do, and the handlers, by area.
package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"gorm.io/gorm"

	"mend/content"
	"mend/internal/auth"
	"mend/internal/config"
	"mend/internal/guidance"
	"mend/internal/mail"
	"mend/internal/metrics"
	"mend/internal/store"
)

// Options are a Server's dependencies.
type Options struct {
	Config config.Config
	DB     *gorm.DB
	Secret []byte           // keys token hashes
	Log    *slog.Logger     // discarded when nil
	Now    func() time.Time // the clock; time.Now when nil
	Hasher *auth.Hasher     // argon2id with default cost when nil
	// Library is the guidance library; loaded from the embedded content when nil.
	Library *guidance.Library
	Mailer  mail.Sender // nil when the server sends no mail
}

// Server holds every dependency of the handlers.
type Server struct {
	cfg      config.Config
	store    *store.Store
	sessions *auth.SessionStore
	hasher   *auth.Hasher
	throttle *auth.Throttle
	log      *slog.Logger
	now      func() time.Time
	cop      *http.CrossOriginProtection
	flashKey []byte
	lib      *guidance.Library
	pages    *pageCache
	metrics  *metrics.Metrics // nil unless MetricsAddr is set
	mailer   mail.Sender
	echo     *echo.Echo
}

// New builds a Server and its routes.
func New(o Options) (*Server, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Hasher == nil {
		// One hash at a time: each takes 19 MiB, and logins are rare
		// enough (and throttled) that a short queue is the better trade.
		o.Hasher = auth.NewHasher(auth.DefaultParams, 1)
	}
	if o.Library == nil {
		lib, err := guidance.Load(content.FS)
		if err != nil {
			return nil, err
		}
		o.Library = lib
	}
	if len(o.Secret) < 32 {
		return nil, fmt.Errorf("web: secret key must be at least 32 bytes")
	}
	st := store.New(o.DB, o.Now)
	s := &Server{
		cfg:   o.Config,
		store: st,
		sessions: auth.NewSessionStore(st, o.Secret, auth.SessionOptions{
			Secure: o.Config.Secure(), Idle: o.Config.SessionIdle, Max: o.Config.SessionMax,
		}, o.Now),
		hasher:   o.Hasher,
		throttle: auth.NewThrottle(st, derive(o.Secret, "throttle"), o.Now),
		log:      o.Log,
		now:      o.Now,
		cop:      http.NewCrossOriginProtection(),
		flashKey: derive(o.Secret, "flash"),
		lib:      o.Library,
		pages:    newPageCache(st, o.Now, o.Config.PageCache),
		mailer:   o.Mailer,
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	proxies, err := o.Config.Proxies()
	if err != nil {
		return nil, err
	}
	if len(proxies) == 0 {
		e.IPExtractor = echo.ExtractIPDirect()
	} else {
		opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
		for _, n := range proxies {
			opts = append(opts, echo.TrustIPRange(n))
		}
		e.IPExtractor = echo.ExtractIPFromXFFHeader(opts...)
	}
	if o.Config.MetricsAddr != "" {
		sqlDB, err := o.DB.DB()
		if err != nil {
			return nil, err
		}
		s.metrics = metrics.New(sqlDB)
		e.Use(s.countRequests)
	}
	e.Use(s.logRequests, s.securityHeaders, middleware.RecoverWithConfig(middleware.RecoverConfig{DisablePrintStack: true}),
		middleware.BodyLimit("1M"), methodAllowed, s.loadActor, s.checkCSRF, s.noteWrites)
	s.echo = e
	s.routes(e)
	return s, nil
}

// Handler is the server's http.Handler.
func (s *Server) Handler() http.Handler { return s.echo }

// Echo exposes the router, for the tests that walk the route table.
func (s *Server) Echo() *echo.Echo { return s.echo }

// Store exposes the store, for commands and tests.
func (s *Server) Store() *store.Store { return s.store }

// PruneSessions deletes expired login sessions, and throttle counts nobody
// added to for a day, every interval until ctx ends.
func (s *Server) PruneSessions(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		now := s.now().UTC()
		if n, err := s.store.PruneLoginSessions(ctx, now, now.Add(-s.cfg.SessionIdle)); err != nil {
			s.log.Warn("prune sessions", "err", err)
		} else if n > 0 {
			s.log.Info("pruned sessions", "count", n)
		}
		if _, err := s.store.PruneThrottles(ctx, now, now.Add(-auth.ForgetAfter)); err != nil {
			s.log.Warn("prune throttles", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// derive makes a key for one purpose from the server's secret.
func derive(secret []byte, purpose string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(purpose))
	return m.Sum(nil)
}
