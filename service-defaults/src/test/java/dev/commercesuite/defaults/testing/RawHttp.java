package dev.commercesuite.defaults.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange over a plain socket, for requests no well-behaved client library will send: control bytes
 * in a header, raw bytes in the request line, a request line or headers over the server's limits.
 */
public final class RawHttp {

    /** What came back: the status, the raw head (status line and headers) and the body as text. */
    public record Answer(int status, String head, String body) {

        /** The value of a response header, or {@code null}. */
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    /**
     * Sends {@code head} (request line and headers, each ending in CRLF, without the blank line) as ISO-8859-1
     * bytes with {@code Connection: close}, then reads the answer to its end.
     */
    public static Answer exchange(int port, String head) {
        return exchange(port, head.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static Answer exchange(int port, byte[] head) {
        return exchange(port, head, null);
    }

    /** As {@link #exchange(int, String)}, with {@code body} after the head and its {@code Content-Length}. */
    public static Answer exchange(int port, String head, byte[] body) {
        return exchange(port, head.getBytes(StandardCharsets.ISO_8859_1), body);
    }

    private static Answer exchange(int port, byte[] head, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            if (body != null) {
                out.write(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = in.read(buffer)) >= 0;) {
                bytes.write(buffer, 0, read);
            }
        } catch (java.net.SocketException e) {
            // the server may reset a connection it refused once it has written its answer
        }
        return bytes.toByteArray();
    }

    private static Answer parse(byte[] raw) {
        // one char a byte until the chunks are joined, whose sizes count bytes; then the body is read as UTF-8
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        String[] statusLine = head.split(" ", 3);
        int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1].trim()) : -1;
        String encoding = new Answer(status, head, body).header("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = unchunk(body);
        }
        return new Answer(status, head,
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
