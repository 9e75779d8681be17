package io.eventbridge.kafka.sink.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbridge.kafka.common.pattern.EventPatterns;
import io.eventbridge.kafka.sink.metrics.SinkMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * event.filter=bus-rules: sends only events that at least one enabled rule or archive of the bus would match,
 * as last read. It reads the bus on start and every refresh period; a rule created between two readings sees its
 * events only from the next one on. Whenever it cannot be sure (see {@link BusRuleReader}), it fails open: every
 * event is sent, the event-filter-fail-open metric is 1 and a WARN says why.
 */
public final class BusRulesFilter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BusRulesFilter.class);

    /** One reading, ready to match: patterns, or null when failing open. */
    private record State(BusRuleSet rules, EventPatterns<String> matcher) {}

    private final Supplier<BusRuleSet> reader;
    private final String busArn;
    private final boolean chatty;
    private final SinkMetrics metrics;
    private final ScheduledExecutorService refresher;
    private final AutoCloseable resources;
    private volatile State state;

    /**
     * Reads the bus once, then every {@code refreshMs}.
     *
     * @param resources what to close with the filter (the clients the reader uses)
     * @param chatty whether this task logs every refresh at INFO (one task of a connector does); changes are
     *     always logged at INFO
     */
    public BusRulesFilter(
            Supplier<BusRuleSet> reader,
            AutoCloseable resources,
            String busArn,
            long refreshMs,
            boolean chatty,
            SinkMetrics metrics,
            String threadName) {
        this.reader = reader;
        this.resources = resources;
        this.busArn = busArn;
        this.chatty = chatty;
        this.metrics = metrics;
        metrics.gauge(
                "event-filter-fail-open",
                "1 while event.filter=bus-rules sends every event because it cannot "
                        + "be sure which are wanted (see the WARN for why), else 0",
                () -> failsOpen() ? 1 : 0);
        metrics.gauge(
                "event-filter-patterns",
                "Rule and archive patterns event.filter=bus-rules matches events " + "against",
                () -> state == null ? 0 : state.rules().patterns().size());
        refresh();
        if (refreshMs > 0) {
            refresher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
            refresher.scheduleWithFixedDelay(this::refresh, refreshMs, refreshMs, TimeUnit.MILLISECONDS);
        } else {
            refresher = null;
        }
    }

    /** Reads the bus again and swaps the patterns in. */
    public void refresh() {
        BusRuleSet next;
        try {
            next = reader.get();
        } catch (RuntimeException e) {
            next = BusRuleSet.open("reading the bus failed: " + e);
        }
        EventPatterns<String> matcher = null;
        if (!next.failsOpen()) {
            matcher = new EventPatterns<>();
            try {
                for (Map.Entry<String, String> p : next.patterns().entrySet()) {
                    matcher.add(p.getKey(), p.getValue());
                }
            } catch (IllegalArgumentException e) {
                next = BusRuleSet.open("a pattern cannot be parsed: " + e.getMessage());
                matcher = null;
            }
        }
        State previous = state;
        state = new State(next, matcher);
        metrics.filterRefresh();
        report(previous == null ? null : previous.rules(), next);
    }

    private void report(BusRuleSet before, BusRuleSet now) {
        if (now.failsOpen()) {
            log.warn("event.filter=bus-rules is sending every event to {}: {}", busArn, now.openReason());
            return;
        }
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Map<String, String> old = before == null ? Map.of() : before.patterns();
        now.patterns().forEach((k, v) -> {
            if (!old.containsKey(k)) {
                added.add(k);
            } else if (!old.get(k).equals(v)) {
                changed.add(k);
            }
        });
        old.keySet().stream().filter(k -> !now.patterns().containsKey(k)).forEach(removed::add);
        boolean different =
                before == null || before.failsOpen() || !added.isEmpty() || !changed.isEmpty() || !removed.isEmpty();
        if (different || chatty) {
            String message = "event.filter=bus-rules for {}: {} enabled rules and {} archives with patterns{}";
            String delta = before == null
                    ? ""
                    : (before.failsOpen() ? "; filtering again after failing open" : "")
                            + (added.isEmpty() ? "" : "; added " + added)
                            + (changed.isEmpty() ? "" : "; changed " + changed)
                            + (removed.isEmpty() ? "" : "; removed " + removed)
                            + (different ? "" : "; unchanged");
            log.info(message, busArn, now.rules(), now.archives(), delta);
        }
        if (now.patterns().isEmpty()) {
            log.warn(
                    "event.filter=bus-rules: no enabled rule or archive on {} has a pattern, so no event is sent "
                            + "until one does (events are counted in events-filtered)",
                    busArn);
        }
    }

    /**
     * Whether some rule or archive would want the event.
     *
     * @param event the event as rules see it
     * @return true when it matches, when the filter fails open, or when the event cannot be matched
     */
    public boolean wants(JsonNode event) {
        State s = state;
        if (s.matcher() == null) {
            metrics.sentFailOpen();
            return true;
        }
        return s.matcher().anyMatch(event);
    }

    public boolean failsOpen() {
        State s = state;
        return s == null || s.matcher() == null;
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        try {
            resources.close();
        } catch (Exception e) {
            log.debug("Closing the bus-rules clients failed", e);
        }
    }
}
