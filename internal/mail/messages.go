package mail

import (
	"fmt"
	"strings"
)

// The mails below are built from counts, fixed words and links only: no
// title, note or name a member wrote ever goes into one.

const signature = "\n\n— Mend\n\nYou get this mail because of your settings in Mend. To change them, open %s/settings/reminders\n"

// Verify asks the owner of an address to confirm it.
func Verify(to, link string) Message {
	return Message{To: to, Subject: "Confirm your email address for Mend",
		Text: "Someone (hopefully you) asked Mend to send mail to this address.\n\n" +
			"To confirm it, open this link within 24 hours:\n\n" + link + "\n\n" +
			"If this wasn't you, ignore this mail: nothing will be sent to this address.\n\n— Mend\n"}
}

// Reset carries a password reset link.
func Reset(to, link string) Message {
	return Message{To: to, Subject: "Reset your Mend password",
		Text: "Someone (hopefully you) asked to reset the password of the Mend account with this address.\n\n" +
			"To choose a new password, open this link within 30 minutes. It works once:\n\n" + link + "\n\n" +
			"Choosing a new password logs out every device. If this wasn't you, ignore this mail: your password stays as it is.\n\n— Mend\n"}
}

// AlreadyRegistered tells an address's owner that someone tried to sign up with it.
func AlreadyRegistered(to, baseURL string) Message {
	return Message{To: to, Subject: "Someone tried to create a Mend account with your address",
		Text: "Someone tried to create a new Mend account with this address, which already has one.\n\n" +
			"If it was you, log in at " + baseURL + "/login, or choose a new password at " + baseURL + "/password/forgot.\n\n" +
			"If it wasn't you, you need do nothing: your account is unchanged.\n\n— Mend\n"}
}

// Summary is the morning summary: how many promises are due today and how
// many things are waiting.
type Summary struct {
	Due        int  // the member's own promises due today
	Waiting    int  // things waiting for them (notes of thanks to receive, entries to confirm)
	Reflection bool // today is their reflection day
}

// Empty reports whether the summary has nothing to say.
func (s Summary) Empty() bool { return s.Due == 0 && s.Waiting == 0 && !s.Reflection }

// SummaryMail is the morning summary mail.
func SummaryMail(to, baseURL string, s Summary) Message {
	var lines []string
	if s.Due > 0 {
		lines = append(lines, count(s.Due, "promise is", "promises are")+" due today.")
	}
	if s.Waiting > 0 {
		lines = append(lines, count(s.Waiting, "thing is", "things are")+" waiting for you.")
	}
	if s.Reflection {
		lines = append(lines, "Today is your day for the weekly reflection.")
	}
	if len(lines) == 0 {
		lines = append(lines, "Nothing is due today.")
	}
	subject := "Your day in Mend"
	if s.Waiting > 0 {
		subject = count(s.Waiting, "thing is", "things are") + " waiting for you in Mend"
	} else if s.Due > 0 {
		subject = count(s.Due, "promise is", "promises are") + " due today in Mend"
	}
	return Message{To: to, Subject: subject,
		Text: "Good morning.\n\n" + strings.Join(lines, "\n") + "\n\nOpen Mend: " + baseURL + "/" + fmt.Sprintf(signature, baseURL)}
}

// CheckinReminder is the check-in reminder mail.
func CheckinReminder(to, baseURL string) Message {
	return Message{To: to, Subject: "A moment to check in",
		Text: "This is your reminder to check in: how safe, trusting and connected do you feel today?\n\n" +
			"Check in: " + baseURL + "/checkins" + fmt.Sprintf(signature, baseURL)}
}

// Test is the mail `mend mail test` sends.
func Test(to string) Message {
	return Message{To: to, Subject: "Mend can send mail",
		Text: "This is a test mail from Mend. If you read it, the mail settings work.\n\n— Mend\n"}
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
