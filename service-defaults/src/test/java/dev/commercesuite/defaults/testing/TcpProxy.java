package dev.commercesuite.defaults.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder that a test can cut and restore, to make a real dependency (PostgreSQL, Redis, SMTP)
 * unreachable for the service under test without touching the dependency itself.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    private TcpProxy(String targetHost, int targetPort, int port) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = port;
    }

    /** Starts forwarding a free loopback port to {@code targetHost:targetPort}. */
    public static TcpProxy start(String targetHost, int targetPort) {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            TcpProxy proxy = new TcpProxy(targetHost, targetPort, probe.getLocalPort());
            probe.close();
            proxy.open();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the TCP proxy", e);
        }
    }

    public int port() {
        return port;
    }

    /** Accepts connections again after {@link #cut()}. */
    public synchronized void open() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = socket;
            Thread.ofVirtual().name("tcp-proxy-accept-" + port).start(() -> accept(socket));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reopen the TCP proxy on port " + port, e);
        }
    }

    /** Drops every open connection and refuses new ones, as if the target went away. */
    public synchronized void cut() {
        ServerSocket socket = server;
        server = null;
        closeQuietly(socket);
        for (Socket open : sockets) {
            closeQuietly(open);
        }
        sockets.clear();
    }

    @Override
    public void close() {
        cut();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // one side closed: close the other below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
