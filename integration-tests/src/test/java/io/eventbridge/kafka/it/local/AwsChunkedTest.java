package io.eventbridge.kafka.it.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AwsChunkedTest {
    @Test
    void decodesSignedChunksAndIgnoresTrailers() {
        String body = "5;chunk-signature=" + "a".repeat(64) + "\r\nhello\r\n"
                + "6;chunk-signature=" + "b".repeat(64) + "\r\n world\r\n"
                + "0;chunk-signature=" + "c".repeat(64) + "\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n";
        assertThat(new String(AwsChunked.decode(body.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.UTF_8))
                .isEqualTo("hello world");
    }

    @Test
    void decodesUnsignedChunksWithATrailingChecksum() {
        String body = "b\r\n{\"a\":[1,2]}\r\n0\r\nx-amz-checksum-crc32:xyz=\r\n\r\n";
        assertThat(new String(AwsChunked.decode(body.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":[1,2]}");
    }

    @Test
    void recognisesChunkedUploadsByEitherHeader() {
        assertThat(AwsChunked.isChunked("aws-chunked", null)).isTrue();
        assertThat(AwsChunked.isChunked(null, "STREAMING-UNSIGNED-PAYLOAD-TRAILER"))
                .isTrue();
        assertThat(AwsChunked.isChunked(null, "UNSIGNED-PAYLOAD")).isFalse();
    }
}
