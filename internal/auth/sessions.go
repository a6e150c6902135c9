package auth

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"mend/internal/seal"
	"mend/internal/store"
)

// Session value keys.
const (
	KeyUserID = "user_id"
	KeyCSRF   = "csrf"
)

// dataKeyValue is the session value holding the member's data key: never
// written to the session's data, only wrapped, in its own column.
type dataKeyValue struct{}

// DataKey is the data key of the member logged in with sess, unwrapped from
// the session's row with its cookie token; false when it has none.
func DataKey(sess *sessions.Session) (seal.Key, bool) {
	k, ok := sess.Values[dataKeyValue{}].(seal.Key)
	return k, ok
}

// Repo is the storage the session store needs; *store.Store provides it.
type Repo interface {
	CreateLoginSession(ctx context.Context, ls *store.LoginSession) error
	LoginSessionByHash(ctx context.Context, hash string) (*store.LoginSession, error)
	TouchLoginSession(ctx context.Context, id string, t time.Time) error
	UpdateLoginSessionData(ctx context.Context, id, csrf, data string) error
	DeleteLoginSession(ctx context.Context, id string) error
}

// SessionOptions configure the session store.
type SessionOptions struct {
	Secure  bool          // https: Secure cookie with the __Host- prefix
	Idle    time.Duration // end a login after this long unused
	Max     time.Duration // end a login this long after it began
	AnonMax time.Duration // lifetime of a visitor's CSRF token
}

// SessionStore is a gorilla/sessions Store that keeps login sessions in the
// database. The cookie holds only a random 256-bit token; the database holds
// its HMAC, so neither a stolen database nor a stolen key alone yields a
// usable cookie. Timeouts are enforced here, on the server.
//
// A visitor who is not logged in has no row: their session carries only its
// CSRF token, in a cookie of its own signed with a key derived from the
// server's secret and valid for AnonMax. Reading a page therefore writes
// nothing; a row is created only when someone logs in or signs up.
type SessionStore struct {
	repo     Repo
	key      []byte
	opts     SessionOptions
	now      func() time.Time
	name     string
	anonName string
	anon     *securecookie.SecureCookie
}

// NewSessionStore returns a store hashing tokens with key.
func NewSessionStore(repo Repo, key []byte, opts SessionOptions, now func() time.Time) *SessionStore {
	if now == nil {
		now = time.Now
	}
	if opts.AnonMax == 0 {
		opts.AnonMax = 24 * time.Hour
	}
	name, anonName := "mend_session", "mend_csrf"
	if opts.Secure {
		name, anonName = "__Host-"+name, "__Host-"+anonName
	}
	s := &SessionStore{repo: repo, key: key, opts: opts, now: now, name: name, anonName: anonName}
	s.anon = securecookie.New(s.derive("anonymous csrf cookie"), nil).MaxAge(int(opts.AnonMax / time.Second))
	return s
}

// CookieName is the name of the session cookie.
func (s *SessionStore) CookieName() string { return s.name }

// Get returns the request's session, cached per request by gorilla's registry.
func (s *SessionStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

// New loads the session named by the request's cookie, or returns a new,
// empty one when there is none or it has expired.
func (s *SessionStore) New(r *http.Request, name string) (*sessions.Session, error) {
	sess := sessions.NewSession(s, name)
	sess.Options = s.cookieOptions(0)
	sess.IsNew = true
	s.loadAnonymous(r, sess)
	c, err := r.Cookie(name)
	if err != nil || c.Value == "" || len(c.Value) > 100 {
		return sess, nil
	}
	ctx := r.Context()
	row, err := s.repo.LoginSessionByHash(ctx, s.hash(c.Value))
	if errors.Is(err, store.ErrNotFound) {
		return sess, nil
	}
	if err != nil {
		return sess, err
	}
	if row.UserID == nil {
		// A visitor's row from before visitors had none: left for pruning.
		return sess, nil
	}
	now := s.now()
	if !now.Before(row.ExpiresAt) || now.Sub(row.LastSeenAt) >= s.opts.Idle {
		return sess, s.repo.DeleteLoginSession(ctx, row.ID)
	}
	sess.ID = row.ID
	sess.IsNew = false
	if row.WrappedKey != "" && row.UserID != nil {
		if dk, err := seal.Unwrap(seal.SessionKEK(c.Value, s.key), seal.BySession, *row.UserID, row.WrappedKey); err == nil {
			sess.Values[dataKeyValue{}] = dk
		}
	}
	if row.Data != "" {
		var data map[string]any
		if err := json.Unmarshal([]byte(row.Data), &data); err == nil {
			for k, v := range data {
				if list, ok := v.([]any); ok && k == "_flash" {
					sess.Values[k] = list
					continue
				}
				sess.Values[k] = v
			}
		}
	}
	if row.UserID != nil {
		sess.Values[KeyUserID] = *row.UserID
	}
	sess.Values[KeyCSRF] = row.CSRF
	// Touch at most once a minute: idle timeouts don't need more precision,
	// and it keeps most requests free of writes.
	if now.Sub(row.LastSeenAt) > time.Minute {
		if err := s.repo.TouchLoginSession(ctx, row.ID, now); err != nil {
			return sess, err
		}
	}
	return sess, nil
}

// Save writes the session. A session with MaxAge < 0 is deleted and its
// cookie cleared; a visitor's (no ID, no user) keeps only its CSRF token, in
// the signed visitor cookie, with no row; a logged-in one without an ID gets
// a row and a fresh token; an existing one has its values updated. The user of an existing session is
// never changed here: logging in goes through Login, which starts a new one.
func (s *SessionStore) Save(r *http.Request, w http.ResponseWriter, sess *sessions.Session) error {
	ctx := r.Context()
	if sess.Options != nil && sess.Options.MaxAge < 0 {
		if sess.ID != "" {
			if err := s.repo.DeleteLoginSession(ctx, sess.ID); err != nil {
				return err
			}
		}
		http.SetCookie(w, sessions.NewCookie(s.name, "", s.cookieOptions(-1)))
		return nil
	}
	csrf, _ := sess.Values[KeyCSRF].(string)
	if csrf == "" {
		csrf = RandomToken()
		sess.Values[KeyCSRF] = csrf
	}
	uid, _ := sess.Values[KeyUserID].(string)
	if sess.ID == "" && uid == "" {
		return s.saveAnonymous(w, csrf)
	}
	data, err := encodeValues(sess.Values)
	if err != nil {
		return err
	}
	if sess.ID != "" {
		return s.repo.UpdateLoginSessionData(ctx, sess.ID, csrf, data)
	}
	token := RandomToken()
	now := s.now()
	row := &store.LoginSession{TokenHash: s.hash(token), UserID: &uid, CSRF: csrf, Data: data, UserAgent: shortAgent(r.UserAgent()),
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(s.opts.Max)}
	if dk, ok := DataKey(sess); ok {
		// Only the cookie's holder can unwrap it: the row has the token's hash.
		row.WrappedKey = seal.Wrap(seal.SessionKEK(token, s.key), dk, seal.BySession, uid)
	}
	maxAge := int(s.opts.Max / time.Second)
	if err := s.repo.CreateLoginSession(ctx, row); err != nil {
		return err
	}
	sess.ID = row.ID
	sess.IsNew = false
	http.SetCookie(w, sessions.NewCookie(s.name, token, s.cookieOptions(maxAge)))
	return nil
}

// Login ends the request's current session and starts a new one for userID,
// with a new token and a new CSRF token, so that a cookie planted before login
// (session fixation) is worth nothing after it. The new session's row keeps
// dk, the member's data key, wrapped by a key derived from the new token.
func (s *SessionStore) Login(r *http.Request, w http.ResponseWriter, sess *sessions.Session, userID string, dk seal.Key) error {
	if sess.ID != "" {
		if err := s.repo.DeleteLoginSession(r.Context(), sess.ID); err != nil {
			return err
		}
	}
	sess.ID = ""
	sess.Values = map[any]any{KeyUserID: userID, dataKeyValue{}: dk}
	sess.Options = s.cookieOptions(0)
	if err := s.Save(r, w, sess); err != nil {
		return err
	}
	if _, err := r.Cookie(s.anonName); err == nil {
		http.SetCookie(w, sessions.NewCookie(s.anonName, "", s.cookieOptions(-1)))
	}
	return nil
}

// loadAnonymous gives sess the CSRF token of the request's visitor cookie,
// when it carries a valid one.
func (s *SessionStore) loadAnonymous(r *http.Request, sess *sessions.Session) {
	c, err := r.Cookie(s.anonName)
	if err != nil || c.Value == "" {
		return
	}
	var token string
	if s.anon.Decode(s.anonName, c.Value, &token) == nil && token != "" {
		sess.Values[KeyCSRF] = token
	}
}

// saveAnonymous sets the signed visitor cookie holding csrf: a
// browser-session cookie whose signature expires after AnonMax.
func (s *SessionStore) saveAnonymous(w http.ResponseWriter, csrf string) error {
	v, err := s.anon.Encode(s.anonName, csrf)
	if err != nil {
		return err
	}
	http.SetCookie(w, sessions.NewCookie(s.anonName, v, s.cookieOptions(0)))
	return nil
}

// Logout deletes the session and clears its cookie.
func (s *SessionStore) Logout(r *http.Request, w http.ResponseWriter, sess *sessions.Session) error {
	sess.Options = s.cookieOptions(-1)
	err := s.Save(r, w, sess)
	sess.ID = ""
	sess.Values = map[any]any{}
	return err
}

func (s *SessionStore) cookieOptions(maxAge int) *sessions.Options {
	return &sessions.Options{Path: "/", MaxAge: maxAge, HttpOnly: true, Secure: s.opts.Secure, SameSite: http.SameSiteLaxMode}
}

// derive makes a key for one purpose from the store's key.
func (s *SessionStore) derive(purpose string) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte("mend session store: " + purpose))
	return m.Sum(nil)
}

func (s *SessionStore) hash(token string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(token))
	return hex.EncodeToString(m.Sum(nil))
}

// HashToken is the keyed hash under which tokens (sessions, invitations) are stored.
func (s *SessionStore) HashToken(token string) string { return s.hash(token) }

// RandomToken returns 256 random bits, base64url-encoded.
func RandomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// encodeValues keeps the values other than the user and CSRF token (those
// have columns of their own).
func encodeValues(v map[any]any) (string, error) {
	m := map[string]any{}
	for k, val := range v {
		ks, ok := k.(string)
		if !ok || ks == KeyUserID || ks == KeyCSRF {
			continue
		}
		m[ks] = val
	}
	if len(m) == 0 {
		return "", nil
	}
	b, err := json.Marshal(m)
	return string(b), err
}
