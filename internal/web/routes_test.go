package web_test

// moreUnsafeCases collects the CSRF cases of every area beyond accounts.
func moreUnsafeCases() map[string]unsafeCase {
	all := map[string]unsafeCase{}
	for _, area := range []map[string]unsafeCase{
		spaceUnsafeCases(),
		journalUnsafeCases(),
		guidanceUnsafeCases(),
		checkinsUnsafeCases(),
		promisesUnsafeCases(),
		twoStepUnsafeCases(),
		waitingUnsafeCases(),
		counsellorUnsafeCases(),
		remindersUnsafeCases(),
		pathUnsafeCases(),
		conversationsUnsafeCases(),
		privateTextUnsafeCases(),
	} {
		for k, v := range area {
			all[k] = v
		}
	}
	return all
}
