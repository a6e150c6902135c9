package store_test

import (
	"context"
	"testing"
	"time"

	"mend/internal/progress"
	"mend/internal/store"
)

// writeConversations writes, as sc with partner p (zero when alone), a
// private draft question and a private trigger, and with a partner a sent
// question they answer, one they have not answered yet, a shared trigger
// they respond to, and an agreement they accept that promise keeps.
func (fx *visFixture) writeConversations(t *testing.T, sc, p store.Scope, promise string) {
	ctx := fx.ctx
	s := fx.s
	today := progress.Today(s.Now(), time.UTC)
	for _, private := range []bool{true, false} {
		if !private && p.UserID == "" {
			continue // nobody to send or share with
		}
		q := fx.add(t, kQuestion, sc, private)
		qq := must(s.CreateQuestion(ctx, sc, q.marker, q.marker))
		q.ids = []string{qq.ID}
		tr := fx.add(t, kTrigger, sc, private)
		tt := must(s.CreateTrigger(ctx, sc, store.TriggerInput{OccurredAt: s.Now(), Strength: 5, Cause: tr.marker, Helped: tr.marker}))
		tr.ids, tr.at = []string{tt.ID}, tt.OccurredAt
		if private {
			continue
		}
		ok(t, s.SendQuestion(ctx, sc, qq.ID))
		an := fx.add(t, kAnswer, p, false)
		ok(t, s.AnswerQuestion(ctx, p, qq.ID, an.marker, ""))
		open := fx.add(t, kQuestion, sc, false)
		oq := must(s.CreateQuestion(ctx, sc, open.marker, ""))
		open.ids = []string{oq.ID}
		ok(t, s.SendQuestion(ctx, sc, oq.ID))

		ok(t, s.ShareTrigger(ctx, sc, tt.ID, true))
		rs := fx.add(t, kResponse, p, false)
		ok(t, s.RespondToTrigger(ctx, p, tt.ID, store.ResponseNote, rs.marker))

		ag := fx.add(t, kAgreement, sc, false)
		a := must(s.OfferAgreement(ctx, sc, ag.marker, today.AddDays(10).String(), today))
		ag.ids = []string{a.ID}
		ok(t, s.AcceptAgreement(ctx, p, a.ID))
		kept := fx.add(t, kKeptAgreement, sc, false)
		ok(t, s.LinkPromiseAgreement(ctx, sc, promise, a.ID))
		kept.ids = []string{promise}
	}
}

func init() {
	for name, rc := range map[string]readCase{
		"Question": {kinds: []string{kQuestion, kAnswer}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
			return each(fx, kQuestion, func(id string) (any, error) { return fx.s.Question(ctx, sc, id) })
		}},
		"Questions": {kinds: []string{kQuestion, kAnswer}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
			return fx.s.Questions(ctx, sc)
		}},
		// The partner's questions not yet answered: some of what is shared; a guest answers nothing.
		"WaitingQuestions": {memberOnly: true, kinds: []string{kQuestion}, shared: true, subset: true, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
			return fx.s.WaitingQuestions(ctx, sc)
		}},
		"Trigger": {kinds: []string{kTrigger, kResponse}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
			return each(fx, kTrigger, func(id string) (any, error) { return fx.s.Trigger(ctx, sc, id) })
		}},
		"TriggersWithResponses": {kinds: []string{kTrigger, kResponse}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
			return fx.s.TriggersWithResponses(ctx, sc)
		}},
		"AgreementHistories": {kinds: []string{kAgreement}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
			return fx.s.AgreementHistories(ctx, sc)
		}},
		"Triggers": {kinds: []string{kTrigger}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
			return fx.s.Triggers(ctx, sc)
		}},
		"TriggerPoints": {kinds: []string{kTrigger}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
			pts, err := fx.s.TriggerPoints(ctx, sc, farPast.Time(time.UTC), farFuture.Time(time.UTC))
			// Points carry no text: name each by its trigger's marker.
			var found []string
			for _, pt := range pts {
				for _, it := range fx.items {
					if it.kind == kTrigger && it.author == pt.AuthorID && it.at.Equal(pt.OccurredAt) {
						found = append(found, it.marker)
					}
				}
			}
			return found, err
		}},
		"Agreement": {kinds: []string{kAgreement}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
			return each(fx, kAgreement, func(id string) (any, error) { return fx.s.Agreement(ctx, sc, id) })
		}},
		"Agreements": {kinds: []string{kAgreement}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
			return fx.s.Agreements(ctx, sc)
		}},
		"AgreementsInForce": {kinds: []string{kAgreement}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
			return fx.s.AgreementsInForce(ctx, sc)
		}},
		"AgreementInForce": {kinds: []string{kAgreement}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
			var found []string
			for _, it := range fx.items {
				if it.kind != kAgreement {
					continue
				}
				in, err := fx.s.AgreementInForce(ctx, sc, it.ids[0])
				if err != nil {
					return nil, err
				}
				if in {
					found = append(found, it.marker)
				}
			}
			return found, nil
		}},
		// Far in the future, every agreement in force is due for review.
		"AgreementsToReview": {kinds: []string{kAgreement}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
			return fx.s.AgreementsToReview(ctx, sc, farFuture)
		}},
		"AgreementPromises": {kinds: []string{kKeptAgreement}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
			return each(fx, kAgreement, func(id string) (any, error) { return fx.s.AgreementPromises(ctx, sc, id) })
		}},
	} {
		reads[name] = rc
	}
}
