package dev.commercesuite.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream on a plain server socket, for what WireMock cannot show: whether the gateway closed its connection. It
 * answers {@code /q/health/ready} with 200, holds {@code /api/v1/users/slow} without answering (reading any body) until
 * the connection closes, and streams {@code /api/v1/users/big} without end until a write fails; it counts each of those events.
 */
final class RawUpstream implements AutoCloseable {

    static final String SLOW = "/api/v1/users/slow";
    static final String BIG = "/api/v1/users/big";

    /** Requests to {@link #SLOW} received, and held connections the other side closed. */
    final AtomicInteger held = new AtomicInteger();
    final AtomicInteger heldClosed = new AtomicInteger();
    /** Endless answers started, and those whose connection the other side closed. */
    final AtomicInteger streams = new AtomicInteger();
    final AtomicInteger streamsBroken = new AtomicInteger();

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    RawUpstream(int port) throws IOException {
        server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(30_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (String head; (head = readHead(in)) != null;) {
                String path = head.split(" ", 3)[1];
                if (path.startsWith(SLOW)) {
                    held.incrementAndGet();
                    hold(in);
                    return;
                }
                if (path.startsWith(BIG)) {
                    stream(out);
                    return;
                }
                byte[] body = path.startsWith("/q/health/ready")
                        ? "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8) : new byte[0];
                String status = body.length > 0 ? "200 OK" : "404 Not Found";
                out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // the gateway went away; the counters say what the tests need
        }
    }

    private void hold(InputStream in) {
        try {
            in.transferTo(OutputStream.nullOutputStream()); // a body, if any, until the connection closes
            heldClosed.incrementAndGet();
        } catch (SocketTimeoutException e) {
            return; // never closed: the test waiting for heldClosed fails
        } catch (IOException e) {
            heldClosed.incrementAndGet(); // reset
        }
    }

    private void stream(OutputStream out) {
        streams.incrementAndGet();
        byte[] chunk = new byte[16 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        try {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (long sent = 0; sent < 4L * 1024 * 1024 * 1024; sent += chunk.length) {
                out.write(size);
                out.write(chunk);
                out.write(new byte[] {'\r', '\n'});
            }
        } catch (IOException e) {
            streamsBroken.incrementAndGet();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; (b = in.read()) >= 0;) {
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
