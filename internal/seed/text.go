package seed

// The sentences synthetic people write. They are meant to read like real,
// ordinary entries of a couple working on trust: kind, plain, never graphic.

// Check-in notes by how the day felt: low, middling, good.
var checkinNotes = [3][]string{
	{
		"Hard day. The memories came back out of nowhere this afternoon.",
		"I couldn't sleep much last night and everything feels heavier because of it.",
		"We argued about something small and it turned into the big thing again.",
		"I felt on edge when the phone buzzed at dinner. I know that's partly mine to work on.",
		"Quiet evening, but I felt far away from you.",
		"I needed reassurance today and didn't know how to ask for it.",
		"A date that reminds me of a bad day. I'm tired of it still hurting this much.",
		"Short on patience with everyone today, not just us.",
		"I wanted to talk but couldn't find the words, so I went to bed early.",
		"Felt like we were going backwards today.",
		"I'm scared of hoping too soon.",
		"Lots of old questions going round in my head.",
	},
	{
		"An ordinary day. Work was busy, we ate together and that was nice.",
		"Some tension this morning, but we talked it through by the evening.",
		"Tired, but I noticed the effort you made.",
		"Not bad, not great. Steady, which is something.",
		"We kept to our plan for the evening walk even though it rained.",
		"I'm still cautious, but less than last week.",
		"Felt a bit flat today. Nothing happened, I just felt it.",
		"Good talk in the car on the way back.",
		"Plans changed at short notice and you told me straight away. Small win.",
		"Busy with the kids all day; we barely saw each other.",
		"We laughed at something silly and I realised I'd missed that.",
		"Had a wobble after lunch, wrote in my journal and felt better.",
	},
	{
		"A really good day. We cooked together and talked for hours.",
		"I felt safe enough to say what I was thinking, and it was heard.",
		"You were home when you said you'd be, without me asking. It mattered.",
		"Lovely walk by the river. It felt like us again.",
		"Calm all day. I didn't watch the clock once.",
		"We made plans for next month and I felt hopeful about them.",
		"Felt close tonight. Holding on to this one.",
		"Our session helped. I understand a bit more about what happened.",
		"Easy, warm evening. More of these, please.",
		"I trusted the silence today instead of filling it with worry.",
	},
}

// Moods by how the day felt, as store.Moods names them.
var moodsByBand = [3][]string{
	{"sad", "hurt", "anxious", "angry", "tired", "numb"},
	{"hopeful", "tired", "calm", "tender", "anxious", "numb"},
	{"calm", "hopeful", "close", "tender"},
}

// Answers of the weekly reflection.
var (
	reflectHelped = []string{
		"The evening walks. Having a fixed time to talk made it easier to start.",
		"Knowing you would answer my messages, and you did.",
		"Writing things down before we talked, so I didn't spiral.",
		"Our Sunday check-in at the kitchen table.",
		"You telling me about your day without me having to ask.",
		"Seeing the promises kept, one day after another.",
		"Time with friends; it reminded me we have a life beyond this.",
		"The counselling session on Thursday.",
		"Going to bed at the same time and talking for ten minutes first.",
		"Being honest when I was struggling instead of going quiet.",
		"Small things: the note in my bag, the tea in the morning.",
		"Taking a break when the conversation got too heated, and coming back to it.",
	}
	reflectHard = []string{
		"The day the old fear came back and I couldn't shake it.",
		"Work stress spilled over into our evenings.",
		"A song in a shop brought everything back.",
		"Answering the same question again and staying patient.",
		"I felt judged when I was trying my best.",
		"We didn't have much time alone this week.",
		"I missed two days of my promise and felt ashamed.",
		"Sleeping badly, which makes everything harder.",
		"Seeing friends who don't know what happened and pretending all is fine.",
		"Feeling like progress isn't happening fast enough.",
		"Not knowing what to say when you were upset.",
		"The weekend felt long and quiet.",
	}
	reflectNeed = []string{
		"More time when it's just the two of us, phones away.",
		"Patience when I ask a question I've asked before.",
		"To hear that you're still in this, even on bad days.",
		"A bit of space on Saturday morning to be on my own.",
		"To be told early if plans change.",
		"Honesty even when it's uncomfortable.",
		"A hug when I come home, before we talk about anything.",
		"To plan something fun together, not only the hard talks.",
		"To know you notice when I try.",
		"For us to keep going to counselling, even when it's hard to fit in.",
		"Gentleness when I'm triggered; it's not an attack on you.",
	}
	reflectNext = []string{
		"Put my phone in the drawer during dinner every day.",
		"Book the next counselling session before Friday.",
		"Ask how your day was before telling you about mine.",
		"Take the Tuesday walk even if the weather is bad.",
		"Tell you when I'm struggling instead of withdrawing.",
		"Write down one thing I appreciated about you each evening.",
		"Plan a simple date for Saturday.",
		"Answer questions calmly, even the repeated ones.",
		"Go to bed at the same time at least four nights.",
		"Call when I'm running late, every time.",
		"Read one practice together and talk about it.",
	}
)

// Gratitude notes and the short replies they get.
var (
	gratitudeNotes = []string{
		"Thank you for making breakfast this morning so I could sleep in.",
		"Thank you for listening last night without trying to fix anything.",
		"Thank you for calling when you were running late. It meant a lot.",
		"I noticed you put your phone away at dinner. Thank you.",
		"Thank you for being patient with my questions today.",
		"Thanks for the walk, I needed that.",
		"Thank you for telling me about your day before I asked.",
		"Thank you for looking after the kids so I could see my sister.",
		"Thank you for coming to the session even though you were tired.",
		"Thank you for the note you left on the fridge.",
		"I appreciated how gently you answered me when I was upset.",
		"Thank you for sticking with this, even on the hard days.",
		"Thanks for fixing the bike. Small thing, but I saw it.",
		"Thank you for holding my hand at the doctor's.",
		"Thank you for making me laugh when I was low.",
		"Thank you for sharing how you really felt instead of saying \"fine\".",
		"Thank you for the tea and the blanket tonight.",
		"Thank you for remembering my meeting and asking how it went.",
		"Thank you for being home when you said you would be.",
		"I'm grateful you suggested we take a break and come back to it. It helped.",
		"Thanks for planning Saturday. I loved it.",
		"Thank you for telling me about the message straight away.",
		"Thank you for giving me space this morning and checking in later.",
		"Thank you for cooking my favourite dinner.",
	}
	gratitudeReplies = []string{
		"That means a lot. Thank you for noticing.",
		"I'm glad it helped. I want to keep doing it.",
		"Thank you for telling me.",
		"It was lovely for me too.",
		"Any time. I mean that.",
		"I'm trying, and it helps to hear you see it.",
		"That made my evening.",
		"Thank you. Let's do it again next week.",
		"I noticed your effort too.",
		"It's easier when we do it together.",
	}
)

// Journal entries: titles, sentences making up paragraphs, list items, and
// the partner's replies.
var (
	journalTitles = []string{
		"Thinking about last week", "A better day", "Things I haven't said", "After the session",
		"What I'm afraid of", "Small wins", "Trying to understand", "A letter I won't send",
		"Morning thoughts", "Why I reacted like that", "What trust looks like to me", "Good moments",
		"When the memories come back", "Notes from the walk", "The hard conversation",
		"What I want us to be", "Forgiving myself", "Noticing the effort", "On patience",
		"Why today was hard", "Hope, carefully", "What helps", "Before bed", "Questions I keep asking", "Sunday",
	}
	journalSentences = []string{
		"I woke up early and lay there thinking about where we are.",
		"Some days I feel like we're making real progress, and some days I'm not sure.",
		"Today was one of the better ones.",
		"I noticed how much lighter the house felt this evening.",
		"The counsellor asked what safety looks like for me, and I didn't have an answer straight away.",
		"I keep coming back to the same question, and I want to understand why.",
		"It helps to write this down instead of letting it go round in my head.",
		"We talked for an hour after dinner and nobody raised their voice.",
		"I felt the old fear come back when the plans changed at the last minute.",
		"I'm learning that I can be upset and still choose to stay calm.",
		"I want to be someone whose word can be counted on again.",
		"I noticed I was bracing for bad news that never came.",
		"It's strange how ordinary days can feel like such a relief.",
		"I'm proud that I told the truth even when it was awkward.",
		"There is still a lot I don't understand about how we got here.",
		"I don't want to rush forgiveness, and I don't want to hold on to anger forever either.",
		"Walking helps. Something about moving makes it easier to talk.",
		"I could tell the effort was real today.",
		"I was short-tempered this afternoon and I apologised afterwards.",
		"I'm tired, but it's a different kind of tired than a month ago.",
		"We agreed to take a break when things get heated, and it worked.",
		"Part of me still waits for the other shoe to drop.",
		"I realised I hadn't felt the urge to check up on anything for a few days.",
		"Small kindnesses add up more than I expected.",
		"I want us to build something new rather than go back to how it was.",
		"I miss the easy way we used to be, but I'm starting to believe we can find a new version of it.",
		"I'm trying to notice what I feel before I react to it.",
		"Today I chose to trust the explanation, and it turned out to be true.",
		"Writing a list of what I'm grateful for changed the tone of the whole evening.",
		"I need to remember that healing isn't a straight line.",
		"Some questions don't have answers that will make the hurt go away.",
		"We laughed properly today for the first time in a while.",
		"I wanted to be comforted and I asked for it, which is new for me.",
		"Keeping my promise was boring and ordinary, and I think that's the point.",
		"I'm going to bring this up at our next session.",
		"I'm grateful we're still talking, even when it's hard.",
		"It felt good to plan something for the future.",
		"I'm learning to say \"I don't know yet\" instead of pretending.",
		"Tomorrow I want to start the day gently.",
		"I'm not there yet, but I'm closer than I was.",
	}
	journalListIntros = []string{"Things that helped today:", "What I want to remember:", "Small good things this week:"}
	journalListItems  = []string{
		"the walk after dinner", "an honest answer to a hard question", "a call when plans changed",
		"ten minutes of quiet together", "a note in my coat pocket", "getting enough sleep",
		"saying what I needed", "a kind message at lunchtime", "cooking together", "being asked how I really was",
	}
	journalReplies = []string{
		"Thank you for sharing this with me. I didn't know you felt that way, and I'm glad I do now.",
		"Reading this made me understand that evening differently. Can we talk about it on our walk?",
		"I'm proud of you for writing this. I'm still here.",
		"I felt the same about that day. Thank you for trusting me with it.",
		"This means a lot. I'll keep trying to show you with what I do, not just what I say.",
		"I'm sorry it still hurts. I'm not going anywhere.",
		"I loved reading about the good moments. Let's have more of them.",
		"Thank you for being honest. It helps me know what you need.",
		"I hadn't realised how much that small thing mattered. I'll remember.",
		"Can we talk about the last part together this weekend?",
	}
)

// Promises: titles of promises not taken from a practice, details, and the
// notes of their renegotiations, pauses and closings.
var (
	promiseTitles = []string{
		"Put my phone away during dinner",
		"Call if I'm going to be more than 15 minutes late",
		"Evening walk together after dinner",
		"Tell you about my day before you have to ask",
		"Be home by 7 on weekdays",
		"Ten minutes of talking before bed",
		"Go to our counselling session",
		"Answer your messages within the hour during the day",
		"Plan one date for us each week",
		"Write one thing I appreciate about you each evening",
		"No screens in the bedroom",
		"Share my plans for the week on Sunday",
		"Make breakfast on Saturdays",
		"Take a break and come back when an argument gets heated",
		"Ask how you're feeling and really listen",
		"Go to bed at the same time",
		"Tell you straight away if someone from the past contacts me",
		"Text when I leave work",
		"Write my weekly reflection on Sunday evening",
	}
	promiseDetails = []string{
		"If I can't, I'll tell you beforehand and say why.",
		"Even on busy days. Especially on busy days.",
		"If it rains we'll sit on the porch instead.",
		"We agreed this together on Sunday.",
		"Starting small so I can keep it.",
		"The counsellor suggested this.",
		"I'll set a reminder so I don't forget.",
		"It's fine to keep it short, as long as it happens.",
	}
	// Why the terms changed: fewer days, other days, every day, another date.
	renegotiationNotes = [4][]string{
		{
			"Every day was too much with the new shift pattern. A few days a week I can keep.",
			"We agreed it works better on some days only; weekends are different.",
			"Making it smaller so I can keep it every time.",
			"The counsellor suggested a different rhythm.",
		},
		{
			"I kept missing it on Mondays because of training, so we moved it.",
			"We decided together to change the days.",
			"Adjusting after talking it through on Sunday.",
			"My hours changed, so the days change with them.",
		},
		{
			"It's going well, so we agreed to make it every day.",
			"We decided together to do this every day.",
		},
		{
			"The date moved because of the school holidays.",
			"We agreed a later date that works for both of us.",
			"Something came up at work; we picked a new day together.",
		},
	}
	pauseNotes = []string{
		"Away for my sister's wedding this week.",
		"Work trip; we'll pick it up when I'm back.",
		"Down with the flu, pausing until I'm better.",
		"Visiting my parents; we agreed to pause it.",
		"School holidays, our routine is different.",
	}
	closeDoneNotes = []string{
		"Done. Thank you for noticing it every time.",
		"This has become part of our days; we don't need to track it any more.",
		"Finished, as promised.",
		"We did it together. It felt good to complete this.",
		"Done, and I want to keep doing it anyway.",
		"Completed. On to the next step.",
	}
	closeGivenUpNotes = []string{
		"This didn't fit our life as it is now. We'll find something that does.",
		"I couldn't keep it and I'd rather say so honestly.",
		"We agreed it wasn't helping, so we're stopping it.",
		"Too ambitious for now. I'll make a smaller promise.",
		"Circumstances changed; we'll talk about what comes next.",
	}
)

// The ledger: notes with a kept or missed day, the partner's disputes and
// the author's answers.
var (
	keptNotes = []string{
		"Done, and it was a nice one.", "Short walk because of the rain, but we went.", "A little late, but I called first.",
		"Easier than yesterday.", "We talked about the weekend.", "Done before the kids woke up.",
		"Kept it even though I was tired.", "This one felt natural.", "Ten minutes turned into an hour.",
	}
	missedNotes = []string{
		"I forgot, and I'm sorry.", "Work ran late and I didn't call. Not good enough.", "I was ill and didn't manage it.",
		"I got distracted and missed it. Tomorrow.", "Traffic, and my phone was flat. I should have planned better.",
		"I was upset and didn't feel like it. I should have said so.", "Missed it; the day got away from me.",
	}
	disputeNotes = []string{
		"I remember it a bit differently: it was quite short, and we were both on our phones.",
		"I don't think this was on this day; I think it was the day after.",
		"You did call, but after you were already late.",
		"We started, but it ended early when we argued.",
		"I didn't see this one. Can we talk about it?",
		"It felt more like a quick chat than what we agreed.",
		"I was waiting and it didn't happen until much later.",
	}
	disputeReplies = []string{
		"You're right, it was shorter than it should have been. I'll do better.",
		"I see why it felt that way. Let's talk about what counts.",
		"Fair. I'll call before the time, not after.",
		"I thought it counted, but I understand it didn't feel like it to you.",
		"Thank you for saying so. Let's agree what we mean by it.",
		"I'm sorry. I'll record it more carefully.",
	}
)

// bookmarkNotes are the notes people keep with a saved practice.
var bookmarkNotes = []string{
	"Read this together on Sunday.", "This is exactly what I struggle with.", "Want to try the second suggestion.",
	"Our counsellor mentioned this.", "Coming back to this on hard days.", "Good reminder for me.",
	"I'd like us to talk about this one.", "The part about patience helped.", "Keep this in mind before our next talk.",
	"Something to practise this month.", "This one made me cry a bit, in a good way.", "Saving for when I feel stuck.",
}
