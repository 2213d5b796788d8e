package dev.commercesuite.notification;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) for the service under test, on a free port. Tests can stop it to simulate an outage
 * and start it again on the same port; messages received are read back from it.
 */
public class SmtpServer implements QuarkusTestResourceLifecycleManager {

    private static int port;
    private static GreenMail greenMail;

    @Override
    public synchronized Map<String, String> start() {
        port = freePort();
        up();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(port));
    }

    @Override
    public synchronized void stop() {
        down();
    }

    /** Starts accepting mail (again) on the same port. */
    public static synchronized void up() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
        }
    }

    /** Stops the server: connections are refused until {@link #up()}. Received mail is forgotten. */
    public static synchronized void down() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    public static synchronized List<MimeMessage> received() {
        return greenMail == null ? List.of() : Arrays.asList(greenMail.getReceivedMessages());
    }

    public static synchronized void clear() throws Exception {
        if (greenMail != null) {
            greenMail.purgeEmailFromAllMailboxes();
        }
    }

    /** Messages received for {@code address}. */
    public static List<MimeMessage> receivedBy(String address) {
        return received().stream().filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
