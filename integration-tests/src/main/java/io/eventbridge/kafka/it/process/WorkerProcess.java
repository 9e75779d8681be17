package io.eventbridge.kafka.it.process;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One distributed Connect worker as its own JVM, started as {@code connect-distributed.sh} starts it: the
 * {@code ConnectDistributed} main class with a properties file, the packaged plugins on its plugin.path, a heap of
 * its own, and its log in {@code worker-N.log}. {@link #kill()} is SIGKILL: no shutdown hook, no final offset commit,
 * no leaving the group.
 */
public final class WorkerProcess {
    private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);

    private final int id;
    private final Path dir;
    private final int port;
    private final int jmxPort;
    private final List<String> jvmOptions;
    /** Options added after {@link #jvmOptions} from the next start on (a benchmark's variant). */
    private volatile List<String> extraJvmOptions = List.of();
    /** Worker properties put over {@link #props} from the next start on (a benchmark's variant). */
    private volatile Map<String, String> extraWorkerProps = Map.of();

    private final Properties props = new Properties();
    private final Path propertiesFile;
    private Process process;

    WorkerProcess(int id, Path dir, Map<String, String> workerProps, List<String> jvmOptions) {
        this.id = id;
        this.dir = dir;
        this.port = freePort();
        this.jmxPort = freePort();
        this.jvmOptions = List.copyOf(jvmOptions);
        props.putAll(workerProps);
        props.setProperty("listeners", "http://127.0.0.1:" + port);
        props.setProperty("rest.advertised.host.name", "127.0.0.1");
        props.setProperty("rest.advertised.port", String.valueOf(port));
        this.propertiesFile = dir.resolve("worker-" + id + ".properties");
        writeProperties();
    }

    private void writeProperties() {
        Properties written = new Properties();
        written.putAll(props);
        written.putAll(extraWorkerProps);
        try (OutputStream out = Files.newOutputStream(propertiesFile)) {
            written.store(out, "worker " + id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the JVM (this JVM's class path and java binary); {@link #awaitReady} waits for its REST API. */
    synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException("worker " + id + " is running");
        }
        writeProperties();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(extraJvmOptions);
        command.add("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"));
        // JMX on loopback, as an operator's exporter would read it: the soak reads the connectors' metrics and heap
        command.add("-Dcom.sun.management.jmxremote.port=" + jmxPort);
        command.add("-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort);
        command.add("-Dcom.sun.management.jmxremote.host=127.0.0.1");
        command.add("-Djava.rmi.server.hostname=127.0.0.1");
        command.add("-Dcom.sun.management.jmxremote.authenticate=false");
        command.add("-Dcom.sun.management.jmxremote.ssl=false");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.apache.kafka.connect.cli.ConnectDistributed");
        command.add(propertiesFile.toString());
        Path logFile = logFile();
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start worker " + id, e);
        }
        log.info("Started worker {} (pid {}) on port {}, log {}", id, process.pid(), port, logFile);
    }

    /** JVM options added to the worker's own from its next start on; an empty list takes them away again. */
    void extraJvmOptions(List<String> options) {
        extraJvmOptions = List.copyOf(options);
    }

    /**
     * Worker properties put over the worker's own from its next start on (e.g. another {@code plugin.path}, to
     * compare two builds of a plugin); an empty map takes them away again.
     */
    void extraWorkerProps(Map<String, String> workerProps) {
        extraWorkerProps = Map.copyOf(workerProps);
    }

    /** Waits until the worker's REST API answers; fails naming the log when the JVM exits first. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ConnectRest rest = rest();
        while (!rest.answers()) {
            if (!isAlive()) {
                throw new IllegalStateException(
                        "worker " + id + " exited with " + process.exitValue() + ": see " + logFile());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("worker " + id + " not ready after " + timeout + ": see " + logFile());
            }
            Thread.sleep(200);
        }
    }

    /** SIGKILL (Process.destroyForcibly on Linux), then waits for the process to be gone. */
    public synchronized void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
            log.info("Killed worker {} (SIGKILL)", id);
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The pid of the running JVM, for jcmd / jstat. */
    public synchronized long pid() {
        return process.pid();
    }

    public int id() {
        return id;
    }

    /** The worker id Connect reports in a task's status ({@code host:port}). */
    public String workerId() {
        return "127.0.0.1:" + port;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public ConnectRest rest() {
        return new ConnectRest(url());
    }

    /** A JMX connection to the worker's platform MBean server; the caller closes it. */
    public javax.management.remote.JMXConnector jmx() throws IOException {
        return javax.management.remote.JMXConnectorFactory.connect(new javax.management.remote.JMXServiceURL(
                "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
    }

    /** The worker's GC log (-Xlog:gc), named by its pid. */
    public Path gcLog() {
        return dir.resolve("gc-" + pid() + ".log");
    }

    public Path logFile() {
        return dir.resolve("worker-" + id + ".log");
    }
}
