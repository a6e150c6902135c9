package guidance

// PlainText returns the words of a Markdown text without its markup: what
// a list shows as an excerpt of a member's entry. Raw HTML is left out.
func PlainText(src string) string { return plainText(src) }
