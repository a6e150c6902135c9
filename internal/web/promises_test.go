package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// makePromise makes a promise through the form (daily from the author's
// today unless kv says otherwise) and returns its id.
func (u *user) makePromise(title string, kv ...string) string {
	u.t.Helper()
	u.open("/promises/new")
	f := form("title", title, "kind", "daily", "can_keep", "1")
	for i := 0; i+1 < len(kv); i += 2 {
		f.Del(kv[i])
	}
	for i := 0; i+1 < len(kv); i += 2 {
		f.Add(kv[i], kv[i+1])
	}
	r := u.post("/promises", f)
	if r.First != http.StatusSeeOther || !strings.HasPrefix(r.URL, "/promises/") {
		u.t.Fatalf("%s makes a promise: %d\n%s", u.Name, r.First, excerpt(r.Body))
	}
	return strings.TrimPrefix(r.URL, "/promises/")
}

// record records date of promise id as outcome and fails unless it is accepted.
func (u *user) record(id, date, outcome string, kv ...string) *resp {
	u.t.Helper()
	r := u.post("/promises/"+id+"/record", form(append([]string{"date", date, "outcome", outcome}, kv...)...))
	if r.First != http.StatusSeeOther {
		u.t.Fatalf("%s records %s as %s: %d\n%s", u.Name, date, outcome, r.First, excerpt(r.Body))
	}
	return r
}

// refused posts and expects status with every part in the message.
func (u *user) refused(status int, path string, f map[string][]string, parts ...string) *resp {
	u.t.Helper()
	r := u.post(path, f)
	if r.Status != status {
		u.t.Fatalf("%s posts %s: %d, want %d\n%s", u.Name, path, r.Status, status, excerpt(r.Body))
	}
	r.contains(u.t, parts...)
	return r
}

var entryRe = regexp.MustCompile(`<li id="entry-([a-z0-9]{16})"`)

// entries are the ledger entry ids on a promise's page, latest first.
func entries(t *testing.T, r *resp) []string {
	t.Helper()
	var ids []string
	for _, m := range entryRe.FindAllStringSubmatch(r.Body, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// TestPromiseLife follows one promise from a practice's "things to try" to
// its closing, through records, a confirmation, a dispute and its answer, a
// renegotiation and a pause; every rule is refused with a clear message.
func TestPromiseLife(t *testing.T) {
	e := newEnv(t) // Tue 10 March 2026, 13:00 in Berlin
	a, b := e.couple("Avery", "Blair")
	day := 24 * time.Hour

	// Made from a practice: the title and the practice are filled in.
	r := a.open("/promises/new?practice=promises-you-can-keep&try=0")
	r.contains(t, `value="Promise only things that depend on me alone, not on luck or other people"`,
		`<option value="promises-you-can-keep" selected`, "I can keep this promise", `href="/guidance/promises-you-can-keep"`,
		"You have no other open promises.")
	a.open("/promises/new?practice=no-such-practice&try=0").lacks(t, `"promises-you-can-keep" selected`, "depend on me alone")
	a.open("/promises/new?practice=promises-you-can-keep&try=9").contains(t, `<option value="promises-you-can-keep" selected`)
	a.open("/promises/new?title=Call+my+sister+back").contains(t, `value="Call my sister back"`)

	title := "Text when I leave work"
	base := form("title", title, "kind", "daily", "practice", "promises-you-can-keep")
	with := func(kv ...string) map[string][]string {
		f := cloneForm(base)
		for i := 0; i+1 < len(kv); i += 2 {
			f.Set(kv[i], kv[i+1])
		}
		return f
	}
	a.refused(422, "/promises", with(), "Please confirm that you can keep this promise", `value="`+title+`"`)
	a.refused(422, "/promises", with("title", "", "can_keep", "1"), "Please fill in what you promise")
	a.refused(422, "/promises", with("title", strings.Repeat("x", 201), "can_keep", "1"), "at most 200 characters")
	a.refused(422, "/promises", with("details", strings.Repeat("d", 2001), "can_keep", "1"), "at most 2000 characters")
	a.refused(422, "/promises", with("start", "2026-03-09", "can_keep", "1"), "can&#39;t be in the past")
	a.refused(422, "/promises", with("kind", "weekdays", "can_keep", "1"), "Please choose at least one day of the week")
	a.refused(422, "/promises", with("kind", "once", "can_keep", "1"), "Please give the due date")
	a.refused(422, "/promises", with("practice", "made-up", "can_keep", "1"), "Please choose a practice from the list")
	a.refused(422, "/promises", with("end", "2026-03-01", "can_keep", "1"), "The end date is before the start date")

	r = a.post("/promises", with("can_keep", "1", "details", "A short message, nothing more."))
	if r.First != http.StatusSeeOther {
		t.Fatalf("make the promise: %d\n%s", r.First, excerpt(r.Body))
	}
	id := strings.TrimPrefix(r.URL, "/promises/")
	r.contains(t, "Your promise is made. Blair can see it now.", title, "Every day from 10 March", "Promise only what you can keep")
	a.open("/promises/new").contains(t, "You already have 1 open promise.")

	// Blair sees it, due today for Avery, and cannot act as its author.
	b.open("/promises").contains(t, title, "Due today for Avery", "By Avery", "not recorded yet")
	bp := b.open("/promises/" + id)
	bp.contains(t, title, "By Avery", "Every day from 10 March")
	bp.lacks(t, "/record", "/edit", "/pause", "/close")
	b.refused(409, "/promises/"+id+"/record", form("date", "2026-03-10", "outcome", "kept"), "Only the one who made a promise can record it")

	// Avery records today as kept, from the list; the rules hold.
	a.open("/promises").contains(t, "Due today for you", `action="/promises/`+id+`/record"`)
	r = a.record(id, "2026-03-10", "kept", "note", "Texted at 17:40", "back", "list")
	if r.URL != "/promises" {
		t.Fatalf("recording from the list came back to %s", r.URL)
	}
	r.contains(t, "Recorded Tue 10 March as kept.", "Recorded:")
	a.refused(409, "/promises/"+id+"/record", form("date", "2026-03-10", "outcome", "missed"), "Tue 10 March 2026 is already recorded as kept")
	a.refused(409, "/promises/"+id+"/record", form("date", "2026-03-11", "outcome", "kept"), "hasn&#39;t come yet")
	a.refused(409, "/promises/"+id+"/record", form("date", "2026-03-09", "outcome", "kept"), "not due on Mon 9 March 2026")
	a.refused(422, "/promises/"+id+"/record", form("date", "2026-03-10", "outcome", "maybe"), "kept the promise or missed it")
	a.refused(422, "/promises/"+id+"/record", form("date", "10/03/2026", "outcome", "kept"), "could not be read")

	e.clock.Advance(day) // Wed 11 March
	long := strings.Repeat("n", 2001)
	r = a.refused(422, "/promises/"+id+"/record", form("date", "2026-03-11", "outcome", "kept", "note", long), "at most 2000 characters")
	r.contains(t, long) // nothing typed is lost
	a.record(id, "2026-03-11", "kept")
	ap := a.open("/promises/" + id)
	ap.contains(t, "Texted at 17:40", "0 of 2 kept and confirmed in the last 4 weeks", "2 kept, not yet confirmed", "Current run: 2 kept in a row")
	ap.lacks(t, "Say thank you", "I saw it")

	// Blair confirms one day and sees the other differently; Avery answers once.
	bp = b.open("/promises/" + id)
	ids := entries(t, bp)
	if len(ids) != 2 {
		t.Fatalf("ledger entries on Blair's page: %v", ids)
	}
	wed, tue := ids[0], ids[1]
	bp.contains(t, "Say thank you", `href="/gratitude?ledger=`+tue+`"`, `action="/ledger/`+tue+`/confirm"`)
	a.refused(409, "/ledger/"+tue+"/confirm", nil, "Your own records are for your partner to confirm")
	a.refused(409, "/ledger/"+tue+"/dispute", form("dispute_note", "I dispute myself"), "Your own records are for your partner")
	b.refused(422, "/ledger/"+wed+"/dispute", form("dispute_note", ""), "Please say what you saw differently")
	if r := b.post("/ledger/"+tue+"/confirm", nil); r.First != http.StatusSeeOther {
		t.Fatalf("Blair confirms: %d\n%s", r.First, excerpt(r.Body))
	}
	b.refused(409, "/ledger/"+tue+"/confirm", nil, "You already confirmed this day")
	b.refused(409, "/ledger/"+tue+"/dispute", form("dispute_note", "changed my mind"), "You already confirmed this day")
	b.post("/ledger/"+wed+"/dispute", form("dispute_note", "The text came after you got home.")).contains(t, "What you saw is recorded")
	b.refused(409, "/ledger/"+wed+"/reply", form("reply", "Not mine to answer"), "Only the one who made the promise answers")
	a.refused(409, "/ledger/"+tue+"/reply", form("reply", "Thanks"), "your partner confirmed this day")
	a.refused(422, "/ledger/"+wed+"/reply", form("reply", ""), "Please write your answer")
	ap = a.open("/promises/" + id)
	ap.contains(t, "Blair saw it", "Blair saw it differently", "The text came after you got home.", `action="/ledger/`+wed+`/reply"`,
		"1 of 2 kept and confirmed in the last 4 weeks", "1 seen differently")
	a.post("/ledger/"+wed+"/reply", form("reply", "I left late and texted from the bus.")).contains(t, "Your answer is recorded")
	a.refused(409, "/ledger/"+wed+"/reply", form("reply", "Again"), "You already answered this")
	b.open("/promises/"+id).contains(t, "I left late and texted from the bus.")

	// Renegotiation: a note is required; past days keep the daily schedule.
	e.clock.Advance(day) // Thu 12 March
	b.refused(409, "/promises/"+id+"/edit", form("title", title, "kind", "daily", "from", "2026-03-12", "note", "mine now"), "Only the one who made a promise can renegotiate it")
	if r := b.get("/promises/" + id + "/edit"); r.Status != http.StatusConflict {
		t.Fatalf("Blair opens the renegotiation form: %d", r.Status)
	}
	a.open("/promises/"+id+"/edit").contains(t, `value="`+title+`"`, `value="2026-03-12"`, "Now: Every day from 10 March.")
	mwf := form("title", "Text when I leave work on office days", "kind", "weekdays", "weekdays", "Mon", "weekdays", "Wed", "weekdays", "Fri",
		"start", "2026-03-10", "from", "2026-03-12")
	a.refused(422, "/promises/"+id+"/edit", mwf, "Please say why the promise changes")
	past := cloneForm(mwf)
	past.Set("from", "2026-03-11")
	past.Set("note", "Office days only")
	a.refused(422, "/promises/"+id+"/edit", past, "can&#39;t apply from a day in the past")
	mwf.Set("note", "I work from home on Tuesdays and Thursdays.")
	r = a.post("/promises/"+id+"/edit", mwf)
	if r.First != http.StatusSeeOther {
		t.Fatalf("renegotiate: %d\n%s", r.First, excerpt(r.Body))
	}
	r.contains(t, "The new terms are agreed", "Text when I leave work on office days",
		"Every Monday, Wednesday and Friday from 12 March",
		"Made on Tue 10 March, applied from Tue 10 March to Wed 11 March.", "Every day from 10 March",
		"Renegotiated on Thu 12 March, applies from Thu 12 March.", "I work from home on Tuesdays and Thursdays.",
		"Wed 11 March", "Tue 10 March", // the past days stay due under the daily terms
		"1 of 2 kept and confirmed in the last 4 weeks")
	a.refused(409, "/promises/"+id+"/record", form("date", "2026-03-12", "outcome", "kept"), "not due on Thu 12 March 2026")

	e.clock.Advance(day) // Fri 13 March
	a.record(id, "2026-03-13", "kept")
	a.open("/promises/"+id).contains(t, "1 of 3 kept and confirmed in the last 4 weeks")

	// Pause: today is recorded, so the pause starts tomorrow; paused days are not due.
	b.refused(409, "/promises/"+id+"/pause", nil, "Only the one who made a promise can pause it")
	a.post("/promises/"+id+"/pause", form("pause_note", "Away for a few days")).contains(t, "The promise is paused", "Paused from Sat 14 March")
	a.refused(409, "/promises/"+id+"/pause", nil, "already paused")
	e.clock.Advance(3 * day) // Mon 16 March
	a.refused(409, "/promises/"+id+"/record", form("date", "2026-03-16", "outcome", "kept"), "paused on Mon 16 March 2026")
	list := a.open("/promises")
	list.contains(t, "Paused since Sat 14 March", "Nothing is due for you today.")
	b.refused(409, "/promises/"+id+"/resume", nil, "Only the one who made a promise can resume it")
	e.clock.Advance(2 * day) // Wed 18 March
	a.post("/promises/"+id+"/resume", nil).contains(t, "The promise is resumed", "Paused from Sat 14 March until Wed 18 March", "Away for a few days")
	a.refused(409, "/promises/"+id+"/resume", nil, "isn&#39;t paused")
	a.record(id, "2026-03-18", "missed", "note", "Forgot, phone was dead")
	ap = a.open("/promises/" + id)
	ap.contains(t, "1 of 4 kept and confirmed in the last 4 weeks", "1 missed", "Forgot, phone was dead")
	ap.lacks(t, "Mon 16 March") // paused: never due

	// Closing: a note is required; afterwards nothing is recorded or changed.
	b.refused(409, "/promises/"+id+"/close", form("close_kind", "done", "close_note", "Done!"), "Only the one who made a promise can close it")
	a.refused(422, "/promises/"+id+"/close", form("close_kind", "done"), "Please add a note for your partner")
	a.refused(422, "/promises/"+id+"/close", form("close_note", "Why not"), "Please choose whether it&#39;s done")
	a.post("/promises/"+id+"/close", form("close_kind", "done", "close_note", "We agreed I'll call instead.")).
		contains(t, "The promise is closed", "Done on Wed 18 March", "We agreed I&#39;ll call instead.")
	e.clock.Advance(day)
	for _, p := range []string{"/record", "/pause", "/resume", "/close", "/edit"} {
		a.refused(410, "/promises/"+id+p, form("date", "2026-03-19", "outcome", "kept", "close_kind", "done", "close_note", "again",
			"title", "x", "kind", "daily", "from", "2026-03-19", "note", "x"), "This promise is closed")
	}
	if r := a.get("/promises/" + id + "/edit"); r.Status != http.StatusGone {
		t.Fatalf("renegotiation form of a closed promise: %d", r.Status)
	}
	// The partner may still confirm what was recorded before the closing.
	fri := entries(t, b.open("/promises/"+id))[1]
	b.post("/ledger/"+fri+"/confirm", nil).contains(t, "2 of 4 kept and confirmed in the last 4 weeks")
	a.open("/promises").contains(t, "Closed", "Done on Wed 18 March", "2 of 4 kept and confirmed")

	// Nothing in the ledger was deleted or changed.
	var n int64
	e.db.Raw("SELECT COUNT(*) FROM ledger_entries").Scan(&n)
	if n != 4 {
		t.Fatalf("%d ledger entries, want 4", n)
	}
	e.db.Raw("SELECT COUNT(*) FROM promise_versions").Scan(&n)
	if n != 2 {
		t.Fatalf("%d versions, want 2", n)
	}
}

var dueTodayRe = regexp.MustCompile(`Due today for you <small>\(([^)]+)\)</small>`)

// TestPromiseTimeZones: a promise's dates are its author's. A partner in
// UTC+13 and one in UTC-10 agree on what "today" is for each promise, and the
// end of daylight saving neither skips nor doubles a day.
func TestPromiseTimeZones(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Aroha", "Kai")
	a.setZone("Pacific/Auckland")
	b.setZone("Pacific/Honolulu")

	// 12:00 UTC on 10 March: Wed 11 March 01:00 in Auckland, Tue 10 March 02:00 in Honolulu.
	a.refused(422, "/promises", form("title", "Call before bed", "kind", "daily", "start", "2026-03-10", "can_keep", "1"), "can&#39;t be in the past")
	aid := a.makePromise("Call before bed")
	bid := b.makePromise("Cook dinner", "start", "2026-03-10")
	a.open("/promises").contains(t, "Due today for you <small>(Wed 11 March)</small>", "Due today for Kai <small>(Tue 10 March)</small>")
	b.open("/promises").contains(t, "Due today for you <small>(Tue 10 March)</small>", "Due today for Aroha <small>(Wed 11 March)</small>")
	a.refused(409, "/promises/"+aid+"/record", form("date", "2026-03-12", "outcome", "kept"), "hasn&#39;t come yet")
	a.record(aid, "2026-03-11", "kept")
	b.refused(409, "/promises/"+bid+"/record", form("date", "2026-03-11", "outcome", "kept"), "hasn&#39;t come yet")
	b.record(bid, "2026-03-10", "kept")
	// Kai confirms Aroha's Wednesday while it is still Tuesday for Kai, and the other way round.
	b.post("/ledger/"+entries(t, b.open("/promises/"+aid))[0]+"/confirm", nil).contains(t, "Wed 11 March", "1 of 1 kept and confirmed")
	a.post("/ledger/"+entries(t, a.open("/promises/"+bid))[0]+"/confirm", nil).contains(t, "Tue 10 March", "1 of 1 kept and confirmed")

	// Daylight saving ends in Auckland at 03:00 on Sun 5 April (14:00 UTC on the 4th).
	// Twelve-hour steps from 11:30 UTC on 3 April walk the local dates across it.
	e.clock.Advance(time.Date(2026, 4, 3, 11, 30, 0, 0, time.UTC).Sub(e.clock.Now()))
	a.login(a.Email, a.Password) // sessions idle out after a week
	b.login(b.Email, b.Password)
	did := a.makePromise("Good-night message")
	steps := []struct{ label, date string }{
		{"Sat 4 April", "2026-04-04"}, // 00:30 NZDT
		{"Sat 4 April", "2026-04-04"}, // 12:30 NZDT
		{"Sun 5 April", "2026-04-05"}, // 00:30 NZDT
		{"Sun 5 April", "2026-04-05"}, // 11:30 NZST: the clocks went back an hour
		{"Sun 5 April", "2026-04-05"}, // 23:30 NZST: 24 hours later, still the same day
		{"Mon 6 April", "2026-04-06"},
		{"Mon 6 April", "2026-04-06"},
		{"Tue 7 April", "2026-04-07"},
	}
	for i, st := range steps {
		if i > 0 {
			e.clock.Advance(12 * time.Hour)
		}
		m := dueTodayRe.FindStringSubmatch(a.open("/promises").Body)
		if m == nil || m[1] != st.label {
			t.Fatalf("step %d: Aroha's today is %v, want %s", i, m, st.label)
		}
		b.open("/promises").contains(t, "Due today for Aroha <small>("+st.label+")</small>")
		if i == 0 || steps[i-1].date != st.date {
			a.record(did, st.date, "kept")
		} else {
			a.refused(409, "/promises/"+did+"/record", form("date", st.date, "outcome", "kept"), "already recorded")
		}
	}
	page := a.open("/promises/" + did)
	if got := entries(t, page); len(got) != 4 {
		t.Fatalf("%d ledger entries across the change, want 4 (one per day)", len(got))
	}
	page.contains(t, "Sat 4 April", "Sun 5 April", "Mon 6 April", "Tue 7 April", "0 of 4 kept and confirmed", "4 kept, not yet confirmed")
	page.lacks(t, ">not recorded")
}

// TestPromiseRecordWindow: past days can be recorded for two weeks; a day
// never recorded shows as "not recorded" and counts as missed in the rate.
func TestPromiseRecordWindow(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Rene", "Sol")
	id := a.makePromise("Ten minutes of talk after dinner") // from Tue 10 March
	e.clock.Advance(20 * 24 * time.Hour)                    // Mon 30 March
	a.login(a.Email, a.Password)
	b.login(b.Email, b.Password)
	a.refused(409, "/promises/"+id+"/record", form("date", "2026-03-16", "outcome", "kept"), "Only the last 14 days can be recorded")
	a.record(id, "2026-03-17", "kept")
	page := a.open("/promises/" + id)
	page.contains(t, "0 of 20 kept and confirmed in the last 4 weeks", "1 kept, not yet confirmed · 19 not recorded",
		`<span class="tag warm">not recorded</span>`, "not recorded yet")
	if n := strings.Count(page.Body, `action="/promises/`+id+`/record"`); n != 13 {
		t.Fatalf("%d record forms, want 13 (the last 14 days but the one recorded)", n)
	}
	a.open("/promises").contains(t, "12 earlier days are not recorded yet")
	bp := b.open("/promises/" + id)
	bp.contains(t, "19 not recorded")
	bp.lacks(t, "/record")
}

// TestPromiseFormerPartner: a former partner's promise stays readable to the
// one who stays, marked, and takes nothing more; the leaver sees nothing of it.
func TestPromiseFormerPartner(t *testing.T) {
	e := newEnv(t)
	a, f := e.couple("Avery", "Finley")
	fid := f.makePromise("Walk the dog every evening")
	f.record(fid, "2026-03-10", "kept")
	eid := entries(t, a.open("/promises/"+fid))[0]
	f.leave()
	e.clock.Advance(10 * 24 * time.Hour)
	a.login(a.Email, a.Password)
	f.login(f.Email, f.Password)

	page := a.open("/promises/" + fid)
	page.contains(t, "Walk the dog every evening", "Finley (former partner)", "Ended when Finley (former partner) left the space",
		"0 of 1 kept and confirmed", "1 kept, not yet confirmed")
	page.lacks(t, ">not recorded", "I saw it", "Say thank you", "/record", "/edit")
	a.refused(409, "/ledger/"+eid+"/confirm", nil, "has left the space")
	a.refused(409, "/promises/"+fid+"/record", form("date", "2026-03-20", "outcome", "kept"), "Only the one who made a promise")
	a.open("/promises").contains(t, "Closed", "Walk the dog every evening", "former partner")

	f.createSpace("Finley's own")
	if r := f.get("/promises/" + fid); r.Status != http.StatusNotFound {
		t.Fatalf("the leaver opens their old promise: %d, want 404", r.Status)
	}
	f.open("/promises").lacks(t, "Walk the dog")
	if r := f.post("/ledger/"+eid+"/reply", form("reply", "hello")); r.Status != http.StatusNotFound {
		t.Fatalf("the leaver answers in the old ledger: %d, want 404", r.Status)
	}
}

// TestPromiseRenegotiateAhead: new terms may be agreed for a later date; until
// then the current terms hold, and a later agreement can replace the planned one.
func TestPromiseRenegotiateAhead(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ines", "Jo")
	id := a.makePromise("Walk together after dinner") // daily from Tue 10 March
	terms := func(title, from, note string, kv ...string) map[string][]string {
		f := form("title", title, "kind", "daily", "start", "2026-03-10", "from", from, "note", note)
		for i := 0; i+1 < len(kv); i += 2 {
			f.Del(kv[i])
		}
		for i := 0; i+1 < len(kv); i += 2 {
			f.Add(kv[i], kv[i+1])
		}
		return f
	}
	a.refused(422, "/promises/"+id+"/edit", terms("Walk", "2026-03-20", "x", "kind", "once", "due", "2026-03-18"), "The due date comes before the new terms apply")
	a.refused(422, "/promises/"+id+"/edit", terms("Walk", "2026-03-20", "x", "end", "2026-03-19"), "To stop the promise, close it instead")
	a.post("/promises/"+id+"/edit", terms("Walk on weekends", "2026-03-20", "Weekdays are too busy", "kind", "weekdays", "weekdays", "Sat")).
		contains(t, "They apply from Fri 20 March", "applies from Tue 10 March to Thu 19 March.", "applies from Fri 20 March.")
	page := b.open("/promises/" + id)
	page.contains(t, "<h1>Walk together after dinner</h1>", "Every day from 10 March", "Every Saturday from 20 March", "Weekdays are too busy")
	e.clock.Advance(24 * time.Hour) // Wed 11 March
	a.record(id, "2026-03-11", "kept")
	a.refused(422, "/promises/"+id+"/edit", terms("Walk", "2026-03-11", "today"), "Wed 11 March is already recorded under the current terms")
	a.post("/promises/"+id+"/edit", terms("Walk twice a week", "2026-03-12", "Saturdays alone are too few", "kind", "weekdays", "weekdays", "Sat", "weekdays", "Wed")).
		contains(t, "<h1>Walk together after dinner</h1>", "Walk twice a week", "Every Wednesday and Saturday from 12 March",
			"replaced before it applied", "was to apply from Fri 20 March", "applies from Tue 10 March to Wed 11 March.", "applies from Thu 12 March.")
	e.clock.Advance(24 * time.Hour) // Thu 12 March: the new terms apply
	a.open("/promises/"+id).contains(t, "<h1>Walk twice a week</h1>", "applied from Tue 10 March to Wed 11 March.")
	a.refused(409, "/promises/"+id+"/record", form("date", "2026-03-12", "outcome", "kept"), "not due on Thu 12 March 2026")
}

// TestPromiseLongLedger: the page shows twelve weeks of ledger with a link to
// earlier ones; a one-off past its day says nothing more is due; closing ends a pause.
func TestPromiseLongLedger(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Lou", "Max")
	id := a.makePromise("Put the phone away at dinner") // daily from Tue 10 March
	once := b.makePromise("Book the table for our anniversary", "kind", "once", "due", "2026-03-12")
	for i := 0; i < 20; i++ { // 100 days, logging in again as sessions idle out
		e.clock.Advance(5 * 24 * time.Hour)
		a.login(a.Email, a.Password)
		b.login(b.Email, b.Password)
	}
	page := a.open("/promises/" + id) // Thu 18 June
	page.contains(t, "0 of 27 kept and confirmed in the last 4 weeks", "0 of 100 kept and confirmed since 10 March",
		"Latest first, from Fri 27 March.", `href="/promises/`+id+`?weeks=24#ledger-h"`, "Show earlier days")
	page.lacks(t, "<strong>Tue 10 March</strong>")
	longer := a.open("/promises/" + id + "?weeks=24")
	longer.contains(t, "<strong>Tue 10 March</strong>", "Latest first, from Tue 10 March.")
	longer.lacks(t, "Show earlier days")
	if n := strings.Count(longer.Body, `<span class="tag warm">not recorded</span>`); n != 100 {
		t.Fatalf("%d days shown as not recorded, want 100", n)
	}
	b.open("/promises/"+once).contains(t, "Once, on Thursday 12 March", "Nothing more is due: close it when you")

	a.post("/promises/"+id+"/pause", nil).contains(t, "Paused since Thu 18 June", "Paused from Thu 18 June")
	e.clock.Advance(24 * time.Hour)
	a.post("/promises/"+id+"/close", form("close_kind", "given-up", "close_note", "It was too much at once.")).
		contains(t, "Given up on Fri 19 June", "Paused from Thu 18 June until Fri 19 June", "It was too much at once.")
	a.open("/promises").contains(t, "Closed", "Given up on Fri 19 June")
}
