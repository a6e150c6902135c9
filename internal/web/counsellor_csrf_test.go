package web_test

import (
	"net/url"
	"testing"
)

// counsellorUnsafeCases are the CSRF cases of the counsellor links' forms.
func counsellorUnsafeCases() map[string]unsafeCase {
	return map[string]unsafeCase{
		"POST /space/counsellor": func(t *testing.T, e *env) (*client, string, url.Values) {
			a, _ := e.couple("Proposer", "Other")
			a.open("/space/counsellor")
			return a.client, "/space/counsellor", form("label", "Dr CSRF", "shows", "promises", "from", "2026-02-01", "to", "2026-03-10",
				"expires", "2026-04-01")
		},
		"POST /space/counsellor/:id/agree": func(t *testing.T, e *env) (*client, string, url.Values) {
			a, b := e.couple("Proposer", "Agreer")
			_, id := makeLink(t, e, a, nil, "Dr Pending")
			b.open("/space/counsellor")
			return b.client, "/space/counsellor/" + id + "/agree", nil
		},
		"POST /space/counsellor/:id/revoke": func(t *testing.T, e *env) (*client, string, url.Values) {
			a, b := e.couple("Proposer", "Revoker")
			_, id := makeLink(t, e, a, b, "Dr Active")
			a.open("/space/counsellor")
			return a.client, "/space/counsellor/" + id + "/revoke", nil
		},
	}
}
