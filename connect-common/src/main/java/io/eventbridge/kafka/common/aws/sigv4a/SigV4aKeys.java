package io.eventbridge.kafka.common.aws.sigv4a;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SigV4a signing key of a credential pair: a NIST P-256 private key derived with the
 * SP 800-108 counter-mode KDF (HMAC-SHA256) keyed with {@code "AWS4A" + secret}, over the fixed input
 * {@code 0x00000001 || "AWS4-ECDSA-P256-SHA256" || 0x00 || accessKeyId || counter || 0x00000100}. A
 * candidate c is accepted when c <= n - 2 (n the curve order) and the key is c + 1; otherwise the
 * counter (from 1, at most 254) goes up. Keys are cached per credential pair.
 */
public final class SigV4aKeys {
    static final String LABEL = "AWS4-ECDSA-P256-SHA256";
    static final ECParameterSpec P256 = p256();
    private static final BigInteger N_MINUS_2 = P256.getOrder().subtract(BigInteger.TWO);
    private static final Map<String, ECPrivateKey> CACHE = new ConcurrentHashMap<>();

    private SigV4aKeys() {}

    public static ECPrivateKey privateKey(String accessKeyId, String secretAccessKey) {
        return CACHE.computeIfAbsent(
                accessKeyId + "\u0000" + secretAccessKey, k -> derive(accessKeyId, secretAccessKey));
    }

    static ECPrivateKey derive(String accessKeyId, String secretAccessKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("AWS4A" + secretAccessKey).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] label = LABEL.getBytes(StandardCharsets.UTF_8);
            byte[] akid = accessKeyId.getBytes(StandardCharsets.UTF_8);
            for (int counter = 1; counter <= 254; counter++) {
                ByteBuffer fixed = ByteBuffer.allocate(4 + label.length + 1 + akid.length + 1 + 4);
                fixed.putInt(1)
                        .put(label)
                        .put((byte) 0)
                        .put(akid)
                        .put((byte) counter)
                        .putInt(256);
                BigInteger candidate = new BigInteger(1, mac.doFinal(fixed.array()));
                if (candidate.compareTo(N_MINUS_2) <= 0) {
                    return (ECPrivateKey) KeyFactory.getInstance("EC")
                            .generatePrivate(new ECPrivateKeySpec(candidate.add(BigInteger.ONE), P256));
                }
            }
            throw new IllegalStateException("SigV4a key derivation found no key in 254 rounds");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SigV4a key derivation failed", e);
        }
    }

    /**
     * The public key of a credential pair's SigV4a key, for whoever verifies its signatures (a local endpoint, a
     * test): the private scalar times the curve's generator, in affine coordinates. Not constant-time, so never
     * used on the signing path.
     */
    public static ECPublicKey publicKey(String accessKeyId, String secretAccessKey) {
        ECPrivateKey key = privateKey(accessKeyId, secretAccessKey);
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(multiply(P256.getGenerator(), key.getS()), P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SigV4a public key failed", e);
        }
    }

    /** k times the point, by double-and-add. */
    static ECPoint multiply(ECPoint point, BigInteger k) {
        ECPoint result = ECPoint.POINT_INFINITY;
        ECPoint addend = point;
        for (int i = 0; i < k.bitLength(); i++) {
            if (k.testBit(i)) {
                result = add(result, addend);
            }
            addend = add(addend, addend);
        }
        return result;
    }

    private static ECPoint add(ECPoint a, ECPoint b) {
        if (a.equals(ECPoint.POINT_INFINITY)) {
            return b;
        }
        if (b.equals(ECPoint.POINT_INFINITY)) {
            return a;
        }
        BigInteger p = ((ECFieldFp) P256.getCurve().getField()).getP();
        BigInteger lambda;
        if (a.getAffineX().equals(b.getAffineX())) {
            if (a.getAffineY().add(b.getAffineY()).mod(p).signum() == 0) {
                return ECPoint.POINT_INFINITY;
            }
            BigInteger x = a.getAffineX();
            lambda = x.multiply(x)
                    .multiply(BigInteger.valueOf(3))
                    .add(P256.getCurve().getA())
                    .multiply(a.getAffineY().shiftLeft(1).modInverse(p))
                    .mod(p);
        } else {
            lambda = b.getAffineY()
                    .subtract(a.getAffineY())
                    .multiply(b.getAffineX().subtract(a.getAffineX()).modInverse(p))
                    .mod(p);
        }
        BigInteger x = lambda.multiply(lambda)
                .subtract(a.getAffineX())
                .subtract(b.getAffineX())
                .mod(p);
        BigInteger y = lambda.multiply(a.getAffineX().subtract(x))
                .subtract(a.getAffineY())
                .mod(p);
        return new ECPoint(x, y);
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            return params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no NIST P-256 curve", e);
        }
    }
}
