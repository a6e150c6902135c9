package web_test

// moreUnsafeCases collects the CSRF cases of later areas.
func moreUnsafeCases() map[string]unsafeCase { return map[string]unsafeCase{} }
