package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestExport: each partner's export holds their own words, private ones
// included, and none of the partner's.
func TestExport(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	a.writeEntry("EXP-A-PRIVATE-JOURNAL", "mine alone")
	shared := a.writeEntry("EXP-A-SHARED-JOURNAL", "for Ben")
	a.post("/journal/"+shared+"/share", nil)
	a.checkin("note", "EXP-A-CHECKIN", "private", "1")
	a.open("/reflections/new")
	a.post("/reflections", form("helped", "EXP-A-REFLECTION", "visibility", "private"))
	saveBookmark(t, a.client, "respect", "EXP-A-BOOKMARK", false)
	id := a.makePromise("EXP-A-PROMISE")
	a.record(id, "2026-03-10", "kept", "note", "EXP-A-RECORD")
	entry := ledgerEntryIDs(b.open("/promises/" + id).Body)[0]
	b.post("/ledger/"+entry+"/dispute", form("dispute_note", "EXP-B-DISPUTE"))
	a.post("/ledger/"+entry+"/reply", form("reply", "EXP-A-ANSWER"))
	a.open("/gratitude")
	a.post("/gratitude", form("body", "EXP-A-THANKS"))
	b.post("/journal/"+shared+"/reply", form("reply", "EXP-B-REPLY"))
	b.writeEntry("EXP-B-JOURNAL", "Ben's own")
	b.open("/gratitude")
	b.post("/gratitude", form("body", "EXP-B-THANKS"))

	download := func(u *user) string {
		r := u.get("/export")
		if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") ||
			!strings.Contains(r.Header.Get("Content-Disposition"), `attachment; filename="mend-export-2026-03-10.json"`) {
			t.Fatalf("%s export: %d %q %q", u.Name, r.Status, r.Header.Get("Content-Type"), r.Header.Get("Content-Disposition"))
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(r.Body), &v); err != nil {
			t.Fatalf("%s export is not JSON: %v", u.Name, err)
		}
		return r.Body
	}
	mine := download(a)
	for _, m := range []string{"EXP-A-PRIVATE-JOURNAL", "EXP-A-SHARED-JOURNAL", "EXP-A-CHECKIN", "EXP-A-REFLECTION", "EXP-A-BOOKMARK",
		"EXP-A-PROMISE", "EXP-A-RECORD", "EXP-A-ANSWER", "EXP-A-THANKS", a.Email} {
		if !strings.Contains(mine, m) {
			t.Errorf("Ana's export lacks %s", m)
		}
	}
	theirs := download(b)
	for _, m := range []string{"EXP-B-DISPUTE", "EXP-B-REPLY", "EXP-B-JOURNAL", "EXP-B-THANKS"} {
		if !strings.Contains(theirs, m) {
			t.Errorf("Ben's export lacks %s", m)
		}
		if strings.Contains(mine, m) {
			t.Errorf("Ana's export holds Ben's words %s", m)
		}
	}
	if strings.Contains(theirs, "EXP-A-") {
		t.Error("Ben's export holds Ana's words")
	}
	// The leave page offers the export first.
	a.open("/space/leave").contains(t, `href="/export"`)
	// Without a space, the export holds the profile only.
	solo := e.signup("Solo")
	if !strings.Contains(download(solo), solo.Email) {
		t.Error("profile missing from the export of a user without a space")
	}
}
