package io.eventbridge.kafka.sink.mapping;

/** A record that cannot become an event; its message says why, never what the record holds. */
public final class MappingException extends RuntimeException {
    public static final String CODE = "MappingFailed";
    private static final long serialVersionUID = 1L;

    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
