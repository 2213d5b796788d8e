package dev.commercesuite.e2e;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;

import com.icegreen.greenmail.util.GreenMail;

/** What the suite's SMTP server received, read as a person would: by recipient and subject, then the plain text. */
final class Mailbox {

    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{16,256})");

    private final GreenMail smtp;

    Mailbox(GreenMail smtp) {
        this.smtp = smtp;
    }

    /** Waits for the first email to {@code to} whose subject starts with {@code subject}. */
    Email await(String to, String subject) {
        return Awaitility.await("an email '" + subject + "' to " + to).atMost(Duration.ofSeconds(30))
                .until(() -> find(to, subject), Optional::isPresent).orElseThrow();
    }

    /** Every email received by {@code to} so far. */
    List<Email> all(String to) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(message -> sentTo(message, to)).map(Email::of).toList();
    }

    private Optional<Email> find(String to, String subject) {
        return all(to).stream().filter(email -> email.subject().startsWith(subject)).findFirst();
    }

    private static boolean sentTo(MimeMessage message, String to) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(address -> address.toString().equalsIgnoreCase(to));
        } catch (MessagingException e) {
            return false;
        }
    }

    /** One received email: its From header, subject, and plain-text and HTML bodies. */
    record Email(String from, String subject, String text, String html) {

        static Email of(MimeMessage message) {
            try {
                StringBuilder text = new StringBuilder();
                StringBuilder html = new StringBuilder();
                collect(message, text, html);
                return new Email(message.getHeader("From", ", "), message.getSubject(), text.toString(),
                        html.toString());
            } catch (MessagingException | IOException e) {
                throw new AssertionError("cannot read an email", e);
            }
        }

        /** The one-time or access token in the email's link. */
        String token() {
            Matcher matcher = TOKEN.matcher(text);
            if (!matcher.find()) {
                throw new AssertionError("no token link in:\n" + text);
            }
            return matcher.group(1);
        }

        private static void collect(Part part, StringBuilder text, StringBuilder html)
                throws MessagingException, IOException {
            if (part.isMimeType("text/plain")) {
                text.append(part.getContent());
            } else if (part.isMimeType("text/html")) {
                html.append(part.getContent());
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    collect(body, text, html);
                }
            }
        }
    }
}
