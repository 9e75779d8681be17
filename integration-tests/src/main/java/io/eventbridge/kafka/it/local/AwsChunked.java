package io.eventbridge.kafka.it.local;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes an S3 {@code aws-chunked} body: chunks of {@code <hex size>[;chunk-signature=...]\r\n<data>\r\n},
 * ended by a zero-size chunk and optional trailers (such as a checksum). What real S3 stores is the data.
 */
final class AwsChunked {
    private AwsChunked() {}

    static boolean isChunked(String contentEncoding, String contentSha256) {
        return contentEncoding != null && contentEncoding.contains("aws-chunked")
                || contentSha256 != null && contentSha256.startsWith("STREAMING-");
    }

    static byte[] decode(byte[] body) {
        ByteArrayOutputStream data = new ByteArrayOutputStream(body.length);
        int i = 0;
        while (i < body.length) {
            int lineEnd = indexOfCrlf(body, i);
            if (lineEnd < 0) {
                throw new IllegalArgumentException("aws-chunked body has a chunk header without CRLF at " + i);
            }
            String header = new String(body, i, lineEnd - i, StandardCharsets.US_ASCII);
            int semicolon = header.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? header : header.substring(0, semicolon)).trim(), 16);
            i = lineEnd + 2;
            if (size == 0) {
                break; // trailers follow; they carry no data
            }
            data.write(body, i, size);
            i += size + 2; // the data, then its CRLF
        }
        return data.toByteArray();
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
