package views

// WaitingRecordView is one record waiting for the viewer: the partner's to
// confirm, or the viewer's own, disputed, to answer.
type WaitingRecordView struct {
	EntryID   string
	PromiseID string
	Title     string
	Day       string // "Tuesday 10 March"
	Outcome   string // "kept", "missed"
	Note      string // the author's note
	Dispute   string // the partner's words, for a dispute
	Rev       string // the record's revision as shown
}

// WaitingView is what waits for the viewer, on the dashboard.
type WaitingView struct {
	Partner    string // the partner's name
	ToReview   []WaitingRecordView
	Disputes   []WaitingRecordView
	Reflection bool          // the partner's reflection to reveal together waits for the viewer's
	Notes      int64         // notes of thanks not yet received
	Questions  []WaitingLink // the partner's questions to answer
	Agreements []WaitingLink // agreements to answer, change or review
}

// WaitingLink is a question or an agreement that waits, with what to do.
type WaitingLink struct {
	Href string
	Text string // as written
	What string // "Answer", "Review", ...
}

// Empty says whether nothing waits.
func (w WaitingView) Empty() bool {
	return len(w.ToReview) == 0 && len(w.Disputes) == 0 && !w.Reflection && w.Notes == 0 &&
		len(w.Questions) == 0 && len(w.Agreements) == 0
}

// notesWaiting says how many notes of thanks wait, in words.
func (w WaitingView) notesWaiting() string {
	if w.Notes == 1 {
		return "A note of thanks from " + w.Partner + " is waiting for you."
	}
	return itoa(int(w.Notes)) + " notes of thanks from " + w.Partner + " are waiting for you."
}
