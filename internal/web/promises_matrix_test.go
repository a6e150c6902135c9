package web_test

import (
	"net/url"
	"testing"
)

// The shared fixture's promises: Avery's promise:A with ledger:A recorded
// today; promise:A2 with ledger:A2, seen differently by Blair and paused from
// tomorrow; promise:A3, due today and not recorded; and Finley's promise:F
// with ledger:F, written before Finley left.
func init() {
	fixtureBeforeLeaving = append(fixtureBeforeLeaving, func(t *testing.T, fx *fixture) {
		f := fx.users[formerF]
		fx.ids["promise:F"] = f.makePromise("Finley's promise")
		f.record(fx.ids["promise:F"], "2026-03-10", "kept")
		fx.ids["ledger:F"] = entries(t, f.open("/promises/"+fx.ids["promise:F"]))[0]
	})
	fixtureItems = append(fixtureItems, func(t *testing.T, fx *fixture) {
		a, b := fx.users[memberA], fx.users[partnerB]
		for _, k := range []string{"A", "A2"} {
			id := a.makePromise("Avery's promise " + k)
			a.record(id, "2026-03-10", "kept")
			fx.ids["promise:"+k] = id
			fx.ids["ledger:"+k] = entries(t, a.open("/promises/"+id))[0]
		}
		b.open("/promises/" + fx.ids["promise:A2"])
		b.post("/ledger/"+fx.ids["ledger:A2"]+"/dispute", form("dispute_note", "I saw it differently"))
		a.post("/promises/"+fx.ids["promise:A2"]+"/pause", nil)
		fx.ids["promise:A3"] = a.makePromise("Avery's one-off", "kind", "once", "due", "2026-03-10")
		fx.ids["intention:A"] = a.makePromise("Avery's private intention", "private", "1")
	})
}

// promisesMatrix: the partner reads Avery's promises and reviews their
// ledger but may not record or change them (409, with a message); Avery may
// not review their own records; everyone outside the space gets 404.
func promisesMatrix() map[string]matrixRoute {
	promise := func(key, suffix string) func(*fixture) string {
		return func(fx *fixture) string { return "/promises/" + fx.ids[key] + suffix }
	}
	ledger := func(key, suffix string) func(*fixture) string {
		return func(fx *fixture) string { return "/ledger/" + fx.ids[key] + suffix }
	}
	toPromise := to("/promises/")
	return map[string]matrixRoute{
		"GET /promises":       {want: members(okPage)},
		"GET /promises/new":   {want: members(okPage)},
		"GET /promises/ended": {want: members(okPage)},
		"POST /promises": {mutates: true, form: values("title", "A matrix promise", "kind", "daily", "can_keep", "1"),
			want: members(toPromise)},
		"GET /promises/:id":      {path: promise("promise:A", ""), want: inS1(okPage, okPage)},
		"GET /promises/:id/edit": {path: promise("promise:A", "/edit"), want: inS1(okPage, conflict)},
		"POST /promises/:id/edit": {mutates: true, path: promise("promise:A", "/edit"),
			form: values("title", "New terms", "kind", "daily", "from", "2026-03-11", "note", "Because"),
			want: inS1(toPromise, conflict)},
		"POST /promises/:id/pause": {mutates: true, path: promise("promise:A", "/pause"), want: inS1(toPromise, conflict)},
		// Avery's private intention: Blair does not see it, so cannot share it.
		"POST /promises/:id/share":  {mutates: true, path: promise("intention:A", "/share"), want: inS1(toPromise, notFound)},
		"POST /promises/:id/resume": {mutates: true, path: promise("promise:A2", "/resume"), want: inS1(toPromise, conflict)},
		"POST /promises/:id/close": {mutates: true, path: promise("promise:A", "/close"),
			form: values("close_kind", "done", "close_note", "Done"), want: inS1(toPromise, conflict)},
		"POST /promises/:id/record": {mutates: true, path: promise("promise:A3", "/record"),
			form: values("date", "2026-03-10", "outcome", "kept"), want: inS1(toPromise, conflict)},
		"POST /ledger/:id/confirm": {mutates: true, path: ledger("ledger:A", "/confirm"), want: inS1(conflict, toPromise)},
		"POST /ledger/:id/dispute": {mutates: true, path: ledger("ledger:A", "/dispute"),
			form: values("dispute_note", "Not as I saw it"), want: inS1(conflict, toPromise)},
		"POST /ledger/:id/reply": {mutates: true, path: ledger("ledger:A2", "/reply"),
			form: values("reply", "My answer"), want: inS1(toPromise, conflict)},
		"POST /ledger/:id/change": {mutates: true, path: ledger("ledger:A", "/change"),
			form: values("rev", "0", "outcome", "missed"), want: inS1(toPromise, conflict)},
		"POST /ledger/:id/change-review": {mutates: true, path: ledger("ledger:A2", "/change-review"),
			form: values("rev", "0", "kind", "confirm"), want: inS1(conflict, toPromise)},
	}
}

// promisesUnsafeCases are the CSRF cases of the promise routes.
func promisesUnsafeCases() map[string]unsafeCase {
	type world struct {
		a, b      *user
		id, entry string
	}
	// made: a couple, and Avery's promise recorded today.
	made := func(t *testing.T, e *env) world {
		a, b := e.couple("Csrf", "Partner")
		id := a.makePromise("A promise for the CSRF test")
		a.record(id, "2026-03-10", "kept")
		return world{a, b, id, entries(t, a.open("/promises/"+id))[0]}
	}
	author := func(suffix string, kv ...string) unsafeCase {
		return func(t *testing.T, e *env) (*client, string, url.Values) {
			w := made(t, e)
			w.a.open("/promises/" + w.id)
			return w.a.client, "/promises/" + w.id + suffix, form(kv...)
		}
	}
	return map[string]unsafeCase{
		"POST /promises": func(t *testing.T, e *env) (*client, string, url.Values) {
			a, _ := e.couple("Csrf", "Partner")
			a.open("/promises/new")
			return a.client, "/promises", form("title", "Made safely", "kind", "daily", "can_keep", "1")
		},
		"POST /promises/:id/edit":  author("/edit", "title", "New terms", "kind", "daily", "from", "2026-03-11", "note", "Because"),
		"POST /promises/:id/pause": author("/pause"),
		"POST /promises/:id/share": func(t *testing.T, e *env) (*client, string, url.Values) {
			a, _ := e.couple("Csrf", "Partner")
			id := a.makePromise("A private intention for the CSRF test", "private", "1")
			a.open("/promises/" + id)
			return a.client, "/promises/" + id + "/share", nil
		},
		"POST /promises/:id/close": author("/close", "close_kind", "done", "close_note", "Done"),
		"POST /promises/:id/resume": func(t *testing.T, e *env) (*client, string, url.Values) {
			w := made(t, e)
			w.a.post("/promises/"+w.id+"/pause", nil)
			return w.a.client, "/promises/" + w.id + "/resume", nil
		},
		"POST /promises/:id/record": func(t *testing.T, e *env) (*client, string, url.Values) {
			a, _ := e.couple("Csrf", "Partner")
			id := a.makePromise("Not recorded yet")
			return a.client, "/promises/" + id + "/record", form("date", "2026-03-10", "outcome", "kept")
		},
		"POST /ledger/:id/confirm": func(t *testing.T, e *env) (*client, string, url.Values) {
			w := made(t, e)
			w.b.open("/promises/" + w.id)
			return w.b.client, "/ledger/" + w.entry + "/confirm", nil
		},
		"POST /ledger/:id/dispute": func(t *testing.T, e *env) (*client, string, url.Values) {
			w := made(t, e)
			w.b.open("/promises/" + w.id)
			return w.b.client, "/ledger/" + w.entry + "/dispute", form("dispute_note", "Not as I saw it")
		},
		"POST /ledger/:id/reply": func(t *testing.T, e *env) (*client, string, url.Values) {
			w := made(t, e)
			w.b.open("/promises/" + w.id)
			w.b.post("/ledger/"+w.entry+"/dispute", form("dispute_note", "Not as I saw it"))
			w.a.open("/promises/" + w.id)
			return w.a.client, "/ledger/" + w.entry + "/reply", form("reply", "My answer")
		},
		"POST /ledger/:id/change": func(t *testing.T, e *env) (*client, string, url.Values) {
			w := made(t, e)
			w.a.open("/promises/" + w.id)
			return w.a.client, "/ledger/" + w.entry + "/change", form("rev", "0", "outcome", "missed")
		},
		"POST /ledger/:id/change-review": func(t *testing.T, e *env) (*client, string, url.Values) {
			w := made(t, e)
			w.b.open("/promises/" + w.id)
			w.b.post("/ledger/"+w.entry+"/confirm", nil)
			return w.b.client, "/ledger/" + w.entry + "/change-review", form("rev", "0", "kind", "dispute", "review_note", "Not as I saw it")
		},
	}
}
