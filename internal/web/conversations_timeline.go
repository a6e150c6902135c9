package web

import (
	"mend/internal/store"
	"mend/views"
)

func init() {
	kindLabels[store.KindQuestions] = "Questions"
	kindLabels[store.KindTriggers] = "Triggers"
	kindLabels[store.KindAgreements] = "Agreements"
}

// agreementSteps say the steps of an agreement on the timeline.
var agreementSteps = map[string]string{
	"offered": "offered an agreement:", "revised": "changed an agreement:", "change-asked": "asked to change an agreement:",
	"accepted": "accepted an agreement:", "declined": "declined an agreement:", "renewed": "renewed an agreement:",
	"ended": "ended an agreement:",
}

// conversationEvent says ev, of one of store.ConversationKinds, in v.
func conversationEvent(v *views.EventView, ev store.Event, ppl *people, mine bool) {
	switch ev.Kind {
	case store.KindQuestions:
		v.Link, v.Href = journalExcerpt(ev.Title), "/questions/"+ev.ID
		switch ev.What {
		case store.DidAsk:
			v.Did = "asked a question:"
		case store.DidAskAgain:
			v.Did = "asked again:"
		case store.DidAnswerQ:
			v.Did = "answered " + whom(ppl, ev.OwnerID) + ":"
			if mine {
				v.Did = "answered your question:"
			}
		}
	case store.KindTriggers:
		v.Href = "/triggers/" + ev.ID
		switch ev.What {
		case store.DidShareT:
			v.Did, v.Link, v.Tag = "shared", "a trigger", "strength "+ev.Detail
		case store.DidRespond:
			v.Did, v.Link, v.Tag = "responded to", "a trigger", responseLabels[ev.Detail]
			if mine {
				v.Link = "your trigger"
			}
		}
	case store.KindAgreements:
		v.Did, v.Link, v.Href = agreementSteps[ev.Detail], journalExcerpt(ev.Title), "/agreements/"+ev.ID
	}
}
