package io.eventbridge.kafka.it.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on loopback between the connectors and one local endpoint, for network failures that the endpoint
 * itself cannot make: added latency, throttled bandwidth, a blackhole (nothing passes either way, in open or new
 * connections, until it ends; what was sent meanwhile passes afterwards, as TCP retransmits it), connection resets
 * (RST to every open connection) and refused connections (RST right after accept). Controlled from Java and, once
 * {@link Faults#attach attached}, from the fault admin API as {@code proxy.<name>.<setting>}.
 *
 * <p>A userland proxy cannot drop a SYN: during a blackhole a new connection is accepted by the kernel but no byte
 * crosses, so a client sees its read (not its connect) time out.
 */
public final class FaultProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);

    private final String name;
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket[]> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private volatile long latencyMs;
    private volatile long bytesPerSecond;
    private volatile long blackholeUntil;
    private volatile long refuseUntil;
    private final Object blackholeEnded = new Object();
    private volatile boolean open = true;

    private FaultProxy(String name, ServerSocket server, InetSocketAddress target) {
        this.name = name;
        this.server = server;
        this.target = target;
    }

    /** A proxy named {@code name} to the host and port of {@code endpoint}, on a free loopback port. */
    public static FaultProxy start(String name, URI endpoint) throws IOException {
        ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        FaultProxy proxy = new FaultProxy(name, server, new InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
        Thread accept = new Thread(proxy::acceptLoop, "fault-proxy-" + name);
        accept.setDaemon(true);
        accept.start();
        return proxy;
    }

    public String name() {
        return name;
    }

    /** The proxy's own endpoint, {@code http://127.0.0.1:<port>}: give it to the connector instead of the target. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Delay added to every chunk of bytes forwarded, each way. */
    public FaultProxy latencyMs(long value) {
        latencyMs = value;
        return this;
    }

    /** Bandwidth of each connection, each way; 0 is unlimited. */
    public FaultProxy bytesPerSecond(long value) {
        bytesPerSecond = value;
        return this;
    }

    /** Nothing passes for {@code duration}, from now. */
    public FaultProxy blackhole(Duration duration) {
        blackholeUntil = System.nanoTime() + duration.toNanos();
        log.info("Proxy {}: blackhole for {}", name, duration);
        return this;
    }

    /** Ends a blackhole now. */
    public FaultProxy restore() {
        blackholeUntil = 0;
        refuseUntil = 0;
        synchronized (blackholeEnded) {
            blackholeEnded.notifyAll();
        }
        return this;
    }

    /** Every open connection is reset (RST): a burst of "connection reset by peer". */
    public FaultProxy resetConnections() {
        int n = 0;
        for (Socket[] link : links) {
            reset(link);
            n++;
        }
        log.info("Proxy {}: reset {} connections", name, n);
        return this;
    }

    /** New connections are reset as soon as they are accepted, for {@code duration}: the service is unreachable. */
    public FaultProxy refuse(Duration duration) {
        refuseUntil = System.nanoTime() + duration.toNanos();
        log.info("Proxy {}: refusing connections for {}", name, duration);
        return this;
    }

    /** Back to a clean network (latency, bandwidth, blackhole, refusal). */
    public FaultProxy clear() {
        latencyMs = 0;
        bytesPerSecond = 0;
        return restore();
    }

    public long connections() {
        return connections.get();
    }

    /** Connections reset by {@link #resetConnections} or {@link #refuse}. */
    public long resets() {
        return resets.get();
    }

    /** The current settings as a JSON object. */
    public String toJson() {
        long now = System.nanoTime();
        return String.format(
                Locale.ROOT,
                "{\"endpoint\":\"%s\",\"latencyMs\":%d,\"bytesPerSecond\":%d,"
                        + "\"blackholeSecondsLeft\":%d,\"refuseSecondsLeft\":%d,\"connections\":%d,\"resets\":%d}",
                endpoint(),
                latencyMs,
                bytesPerSecond,
                Math.max(0, (blackholeUntil - now) / 1_000_000_000L),
                Math.max(0, (refuseUntil - now) / 1_000_000_000L),
                connections.get(),
                resets.get());
    }

    private void acceptLoop() {
        while (open) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (open) {
                    log.warn("Proxy {}: accept failed", name, e);
                }
                return;
            }
            connections.incrementAndGet();
            if (System.nanoTime() < refuseUntil) {
                reset(new Socket[] {client});
                continue;
            }
            Thread connect = new Thread(() -> link(client), "fault-proxy-" + name + "-link");
            connect.setDaemon(true);
            connect.start();
        }
    }

    private void link(Socket client) {
        Socket upstream = new Socket();
        Socket[] link = {client, upstream};
        links.add(link);
        try {
            awaitBlackholeEnd();
            upstream.connect(target, 5_000);
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
        } catch (IOException e) {
            close(link);
            return;
        }
        Thread up = new Thread(() -> pump(link, client, upstream), "fault-proxy-" + name + "-up");
        up.setDaemon(true);
        up.start();
        pump(link, upstream, client);
    }

    private void pump(Socket[] link, Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                awaitBlackholeEnd();
                long latency = latencyMs;
                if (latency > 0) {
                    Thread.sleep(latency);
                }
                out.write(buffer, 0, n);
                out.flush();
                long bandwidth = bytesPerSecond;
                if (bandwidth > 0) {
                    Thread.sleep(n * 1000L / bandwidth);
                }
            }
            to.shutdownOutput(); // the other way may still carry bytes (a response after the request)
            if (from.isOutputShutdown()) {
                close(link); // both ways have ended
            }
        } catch (IOException e) {
            close(link);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(link);
        }
    }

    private void awaitBlackholeEnd() throws IOException {
        long left;
        while ((left = blackholeUntil - System.nanoTime()) > 0) {
            synchronized (blackholeEnded) {
                try {
                    blackholeEnded.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted in a blackhole");
                }
            }
        }
    }

    private void reset(Socket[] link) {
        try {
            link[0].setSoLinger(true, 0); // close() then sends RST
        } catch (IOException e) {
            // already closed
        }
        resets.incrementAndGet();
        close(link);
    }

    private void close(Socket[] link) {
        links.remove(link);
        for (Socket s : link) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        links.forEach(this::close);
    }
}
