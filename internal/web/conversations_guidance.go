package web

import (
	"net/url"

	"mend/views"
)

// conversationTools map the practices that speak of questions, triggers
// and openness to the page where they are done; kept here rather than in
// the content files, which are written apart from the code.
var conversationTools = map[string]views.PracticeToolView{
	"answer-questions":          {Href: "/questions", Label: "Answer your partner's questions in Questions"},
	"ask-what-you-need-to-know": {Href: "/questions/new", Label: "Ask a question: it stays a draft until you send it"},
	"whole-truth":               {Href: "/questions", Label: "Questions: answer fully, and ask again when you need to"},
	"understand-what-happened":  {Href: "/questions/new", Label: "Ask a question about what happened"},
	"when-you-are-triggered":    {Href: "/triggers", Label: "Note a trigger, privately, in a few seconds"},
	"no-reopening-wounds":       {Href: "/triggers", Label: "Triggers: note what comes back, and share it if you want"},
	"offer-openness":            {Href: "/agreements/new", Label: "Offer an openness agreement in your own words"},
	"agree-what-trust-means":    {Href: "/agreements", Label: "Openness agreements: offered, agreed, reviewed"},
}

// conversationTool is the link of the practice slug to its page, for a member; nil otherwise.
func conversationTool(slug string, member bool) *views.PracticeToolView {
	t, ok := conversationTools[slug]
	if !ok || !member {
		return nil
	}
	if t.Href == "/questions/new" {
		t.Href += "?practice=" + url.QueryEscape(slug)
	}
	return &t
}

// ConversationPracticeSlugs are the practices linked to these pages, for tests.
func ConversationPracticeSlugs() []string {
	out := make([]string, 0, len(conversationTools))
	for s := range conversationTools {
		out = append(out, s)
	}
	return out
}
