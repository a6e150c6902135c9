package store

// The timeline's kinds of questions, triggers and agreements.
const (
	KindQuestions  = "questions"
	KindTriggers   = "triggers"
	KindAgreements = "agreements"
)

// KindConversations reads the three kinds above in one query: what the
// whole timeline and "Since your last visit" ask for.
const KindConversations = "conversations"

// ConversationKinds are the timeline kinds of this file, in the order a filter offers them.
var ConversationKinds = []string{KindQuestions, KindTriggers, KindAgreements}

// What the events of these kinds say happened.
const (
	DidAsk       = "asked"       // a question sent
	DidAskAgain  = "asked-again" // a question asked again
	DidAnswerQ   = "answered-q"  // a written answer
	DidShareT    = "shared-t"    // a trigger shared; Detail is its strength
	DidRespond   = "responded"   // a response to a trigger; Detail is its kind
	DidAgreement = "agreement"   // a step of an agreement; Detail is what (offered, accepted...)
)

// conversationEvents are the branches of kind, one of ConversationKinds,
// for the viewer v; ok is false for another kind.
func conversationEvents(v Viewer, kind string) (b []branch, ok bool) {
	switch kind {
	case KindConversations:
		for _, k := range ConversationKinds {
			kb, _ := conversationEvents(v, k)
			b = append(b, kb...)
		}
		return b, true
	case KindQuestions:
		vis := v.cond(questionKind, "questions") + " AND " + sharedOnlyCond(questionKind, "questions")
		return []branch{
			{"questions.sent_at", `SELECT 'questions' AS kind, 'asked' AS what, questions.id AS id, '' AS parent_id,
			questions.author_id AS author_id, '' AS owner_id, questions.sent_at AS happened_at, SUBSTR(questions.body, 1, 200) AS title,
			'' AS excerpt, '' AS detail, '' AS day, 0 AS safe, 0 AS trust, 0 AS connected, FALSE AS heart
			FROM questions WHERE ` + vis + ` AND %s`},
			{"r.created_at", `SELECT 'questions', 'asked-again', questions.id AS id, '', questions.author_id AS author_id, '', r.created_at AS happened_at,
			SUBSTR(questions.body, 1, 200), SUBSTR(r.body, 1, 200), '', '', 0, 0, 0, FALSE
			FROM question_rounds r JOIN questions ON questions.id = r.question_id
			WHERE ` + vis + ` AND r.seq > 1 AND r.space_id = questions.space_id AND %s`},
			{"a.created_at", `SELECT 'questions', 'answered-q', questions.id AS id, '', a.author_id AS author_id, questions.author_id AS owner_id, a.created_at AS happened_at,
			SUBSTR(questions.body, 1, 200), '', '', '', 0, 0, 0, FALSE
			FROM question_answers a JOIN questions ON questions.id = a.question_id
			WHERE ` + vis + ` AND a.space_id = questions.space_id AND %s`},
		}, true
	case KindTriggers:
		vis := v.cond(triggerKind, "triggers") + " AND " + sharedOnlyCond(triggerKind, "triggers")
		return []branch{
			{"triggers.shared_at", `SELECT 'triggers' AS kind, 'shared-t' AS what, triggers.id AS id, '' AS parent_id,
			triggers.author_id AS author_id, '' AS owner_id, triggers.shared_at AS happened_at, '' AS title,
			'' AS excerpt, CAST(triggers.strength AS TEXT) AS detail, '' AS day, 0 AS safe, 0 AS trust, 0 AS connected, FALSE AS heart
			FROM triggers WHERE ` + vis + ` AND %s`},
			{"r.created_at", `SELECT 'triggers', 'responded', triggers.id AS id, '', r.author_id AS author_id, triggers.author_id AS owner_id, r.created_at AS happened_at,
			'', '', r.kind, '', 0, 0, 0, FALSE
			FROM trigger_responses r JOIN triggers ON triggers.id = r.trigger_id
			WHERE ` + vis + ` AND ` + v.triggerResponseCond("r", "triggers") + ` AND r.space_id = triggers.space_id AND %s`},
		}, true
	case KindAgreements:
		return []branch{
			{"e.created_at", `SELECT 'agreements' AS kind, 'agreement' AS what, agreements.id AS id, '' AS parent_id,
			e.author_id AS author_id, agreements.author_id AS owner_id, e.created_at AS happened_at, SUBSTR(agreements.body, 1, 200) AS title,
			'' AS excerpt, e.what AS detail, '' AS day, 0 AS safe, 0 AS trust, 0 AS connected, FALSE AS heart
			FROM agreement_events e JOIN agreements ON agreements.id = e.agreement_id
			WHERE ` + v.cond(agreementKind, "agreements") + ` AND e.space_id = agreements.space_id AND %s`},
		}, true
	}
	return nil, false
}
