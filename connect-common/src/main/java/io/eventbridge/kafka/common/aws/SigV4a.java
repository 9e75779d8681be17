package io.eventbridge.kafka.common.aws;

import software.amazon.awssdk.http.auth.aws.signer.AwsV4aHttpSigner;

/**
 * Whether this plugin can sign SigV4a, which EventBridge global endpoints require. The AWS SDK
 * signs it only with its {@code software.amazon.awssdk:http-auth-aws-crt} module (and the native
 * {@code aws-crt} library) on the class path.
 */
public final class SigV4a {
    public static final String MISSING = "Global endpoints need SigV4a request signing, which the AWS SDK does only "
        + "with its software.amazon.awssdk:http-auth-aws-crt module and the native software.amazon.awssdk.crt:aws-crt "
        + "library; this plugin does not bundle them. Send to the bus's regional endpoint (unset the global endpoint "
        + "ID), or add both jars to the plugin's lib/ folder.";

    private SigV4a() {
    }

    public static boolean available() {
        try {
            AwsV4aHttpSigner.create();
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
