package io.eventbridge.kafka.cloudevents.data;

import java.nio.ByteBuffer;

/** Byte values as arrays, without touching the position of a caller's buffer. */
public final class ByteArrays {
    private ByteArrays() {}

    public static byte[] of(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
