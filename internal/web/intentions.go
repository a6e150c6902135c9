package web

import (
	"fmt"
	"strings"

	"mend/internal/progress"
	"mend/views"
)

// promiseRatesView is ratesView for a promise, or, for a private intention,
// in words that do not wait for a confirmation nobody will give: its kept
// days count as kept.
func promiseRatesView(private bool, r progress.Rates, since string) views.RatesView {
	v := ratesView(r, since)
	if !private {
		return v
	}
	if t := r.Last4Weeks; t.Due > 0 {
		v.Recent = fmt.Sprintf("%d of %d kept in the last 4 weeks", t.Confirmed+t.Unconfirmed, t.Due)
		var rest []string
		if t.Missed > 0 {
			rest = append(rest, fmt.Sprintf("%d missed", t.Missed))
		}
		if t.NotRecorded > 0 {
			rest = append(rest, fmt.Sprintf("%d not recorded", t.NotRecorded))
		}
		v.Detail = strings.Join(rest, " · ")
	}
	if a := r.SinceStart; a.Due > 0 {
		v.Since = fmt.Sprintf("%d of %d kept %s", a.Confirmed+a.Unconfirmed, a.Due, since)
	}
	return v
}
