package io.eventbridge.kafka.source.subscription;

/** One thing a reconcile or teardown does, or would do as a plan: e.g. CREATE queue orders-events. */
public record Change(Kind kind, String resourceType, String resource, String detail) {
    public enum Kind {
        CREATE,
        UPDATE,
        DELETE
    }

    @Override
    public String toString() {
        return kind + " " + resourceType + " " + resource + (detail == null || detail.isEmpty() ? "" : ": " + detail);
    }
}
