package io.eventbridge.kafka.sink.config;

/** What the sink does with a record value that is a CloudEvent (the cloudevents-converter's Struct). */
public enum CloudEventsMode {
    /** type becomes DetailType, source Source, time Time, data Detail, the resources extension Resources. */
    MAP,
    /** The whole event in the JSON event format is the Detail; DetailType and Source still come from type and source. */
    DETAIL,
    /** No special treatment: the value is mapped like any other Struct. */
    OFF
}
