package io.eventbridge.kafka.common.aws;

import static io.eventbridge.kafka.common.config.Recommenders.visibleWhenSet;

import io.eventbridge.kafka.common.config.ConfigGroup;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import software.amazon.awssdk.regions.Region;

/**
 * Config fragment for an AWS client: region, endpoint, credentials and timeouts. Each connector
 * adds it under its own prefix; the sink uses {@code aws.eventbridge.} so that the AWS sink's keys
 * ({@code aws.eventbridge.region}, {@code aws.eventbridge.iam.role.arn}, ...) work unchanged.
 */
public final class AwsClientConfig {
    public static final String REGION = "region";
    public static final String REGION_DOC = "AWS region of the service, e.g. us-east-1.";
    public static final String REGION_DISPLAY = "Region";

    public static final String ENDPOINT_URI = "endpoint.uri";
    public static final String ENDPOINT_URI_DOC = "Service endpoint to use instead of the region's "
            + "default, e.g. a VPC endpoint or a local test endpoint.";
    public static final String ENDPOINT_URI_DISPLAY = "Endpoint URI";

    public static final String ROLE_ARN = "iam.role.arn";
    public static final String ROLE_ARN_DOC = "IAM role to assume through STS. Credentials are refreshed "
            + "before they expire. The base credentials come from the other credential settings.";
    public static final String ROLE_ARN_DISPLAY = "IAM role ARN";

    public static final String EXTERNAL_ID = "iam.external.id";
    public static final String EXTERNAL_ID_DOC = "External ID sent as AssumeRole's ExternalId.";
    public static final String EXTERNAL_ID_DISPLAY = "IAM external ID";

    public static final String SESSION_NAME = "iam.session.name";
    public static final String SESSION_NAME_DOC =
            "RoleSessionName of the assumed-role session. " + "Defaults to the connector ID (or name).";
    public static final String SESSION_NAME_DISPLAY = "IAM role session name";

    public static final String STS_ENDPOINT_URI = "sts.endpoint.uri";
    public static final String STS_ENDPOINT_URI_DOC = "STS endpoint for AssumeRole instead of the region's default.";
    public static final String STS_ENDPOINT_URI_DISPLAY = "STS endpoint URI";

    public static final String PROFILE = "iam.profile.name";
    public static final String PROFILE_DOC = "Named profile from the AWS config and credentials files.";
    public static final String PROFILE_DISPLAY = "Profile name";

    public static final String PROVIDER_CLASS = "auth.credentials_provider.class";
    public static final String PROVIDER_CLASS_DOC = "Class implementing software.amazon.awssdk.auth.credentials."
            + "AwsCredentialsProvider with a public no-arg constructor. If it implements "
            + "org.apache.kafka.common.Configurable it is configured with the connector's properties.";
    public static final String PROVIDER_CLASS_DISPLAY = "Credentials provider class";

    public static final String ACCESS_KEY_ID = "access.key.id";
    public static final String ACCESS_KEY_ID_DOC = "Static access key ID. Prefer roles or the default chain "
            + "in production; static keys are for local endpoints and tests.";
    public static final String ACCESS_KEY_ID_DISPLAY = "Access key ID";

    public static final String SECRET_ACCESS_KEY = "secret.access.key";
    public static final String SECRET_ACCESS_KEY_DOC = "Static secret access key, used with access.key.id.";
    public static final String SECRET_ACCESS_KEY_DISPLAY = "Secret access key";

    public static final String SESSION_TOKEN = "session.token";
    public static final String SESSION_TOKEN_DOC = "Session token for temporary static credentials.";
    public static final String SESSION_TOKEN_DISPLAY = "Session token";

    public static final String API_CALL_TIMEOUT_MS = "api.call.timeout.ms";
    public static final String API_CALL_TIMEOUT_MS_DOC = "Time limit of one API call attempt, including "
            + "connection set-up. A call that exceeds it is retried under the retry policy.";
    public static final int API_CALL_TIMEOUT_MS_DEFAULT = 10_000;
    public static final String API_CALL_TIMEOUT_MS_DISPLAY = "API call attempt timeout (ms)";

    public static final String CONNECTION_TIMEOUT_MS = "connection.timeout.ms";
    public static final String CONNECTION_TIMEOUT_MS_DOC = "Time limit to open a connection.";
    public static final int CONNECTION_TIMEOUT_MS_DEFAULT = 5_000;
    public static final String CONNECTION_TIMEOUT_MS_DISPLAY = "Connection timeout (ms)";

    private AwsClientConfig() {}

    /** Adds the keys under {@code prefix} (e.g. {@code aws.eventbridge.}) to a group named {@code group}. */
    public static ConfigDef addTo(ConfigDef def, String prefix, String group, boolean regionRequired) {
        new ConfigGroup(def, group)
                .key(prefix + REGION, Type.STRING)
                .defaultValue(regionRequired ? ConfigDef.NO_DEFAULT_VALUE : null)
                .validator(regionRequired ? new ConfigDef.NonEmptyString() : null)
                .importance(Importance.HIGH)
                .doc(REGION_DOC)
                .display(REGION_DISPLAY)
                .width(Width.SHORT)
                .define()
                .key(prefix + ENDPOINT_URI, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(ENDPOINT_URI_DOC)
                .display(ENDPOINT_URI_DISPLAY)
                .width(Width.LONG)
                .define()
                .key(prefix + ROLE_ARN, Type.STRING)
                .defaultValue(null)
                .importance(Importance.MEDIUM)
                .doc(ROLE_ARN_DOC)
                .display(ROLE_ARN_DISPLAY)
                .width(Width.LONG)
                .dependents(prefix + EXTERNAL_ID, prefix + SESSION_NAME, prefix + STS_ENDPOINT_URI)
                .define()
                .key(prefix + EXTERNAL_ID, Type.STRING)
                .defaultValue(null)
                .importance(Importance.MEDIUM)
                .doc(EXTERNAL_ID_DOC)
                .display(EXTERNAL_ID_DISPLAY)
                .recommender(visibleWhenSet(prefix + ROLE_ARN))
                .define()
                .key(prefix + SESSION_NAME, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(SESSION_NAME_DOC)
                .display(SESSION_NAME_DISPLAY)
                .recommender(visibleWhenSet(prefix + ROLE_ARN))
                .define()
                .key(prefix + STS_ENDPOINT_URI, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(STS_ENDPOINT_URI_DOC)
                .display(STS_ENDPOINT_URI_DISPLAY)
                .recommender(visibleWhenSet(prefix + ROLE_ARN))
                .define()
                .key(prefix + PROFILE, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(PROFILE_DOC)
                .display(PROFILE_DISPLAY)
                .define()
                .key(prefix + PROVIDER_CLASS, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(PROVIDER_CLASS_DOC)
                .display(PROVIDER_CLASS_DISPLAY)
                .width(Width.LONG)
                .define()
                .key(prefix + ACCESS_KEY_ID, Type.PASSWORD)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(ACCESS_KEY_ID_DOC)
                .display(ACCESS_KEY_ID_DISPLAY)
                .define()
                .key(prefix + SECRET_ACCESS_KEY, Type.PASSWORD)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(SECRET_ACCESS_KEY_DOC)
                .display(SECRET_ACCESS_KEY_DISPLAY)
                .define()
                .key(prefix + SESSION_TOKEN, Type.PASSWORD)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(SESSION_TOKEN_DOC)
                .display(SESSION_TOKEN_DISPLAY)
                .define()
                .key(prefix + API_CALL_TIMEOUT_MS, Type.INT)
                .defaultValue(API_CALL_TIMEOUT_MS_DEFAULT)
                .validator(Range.between(100, 600_000))
                .importance(Importance.LOW)
                .doc(API_CALL_TIMEOUT_MS_DOC)
                .display(API_CALL_TIMEOUT_MS_DISPLAY)
                .define()
                .key(prefix + CONNECTION_TIMEOUT_MS, Type.INT)
                .defaultValue(CONNECTION_TIMEOUT_MS_DEFAULT)
                .validator(Range.between(100, 600_000))
                .importance(Importance.LOW)
                .doc(CONNECTION_TIMEOUT_MS_DOC)
                .display(CONNECTION_TIMEOUT_MS_DISPLAY)
                .define();
        return def;
    }

    /** The settings of one client, read from a parsed config. */
    public static AwsClientSettings settings(AbstractConfig config, String prefix, String defaultSessionName) {
        String sessionName = config.getString(prefix + SESSION_NAME);
        return new AwsClientSettings(
                config.getString(prefix + REGION),
                blankToNull(config.getString(prefix + ENDPOINT_URI)),
                blankToNull(config.getString(prefix + ROLE_ARN)),
                blankToNull(config.getString(prefix + EXTERNAL_ID)),
                sessionName == null || sessionName.isBlank() ? defaultSessionName : sessionName,
                blankToNull(config.getString(prefix + STS_ENDPOINT_URI)),
                blankToNull(config.getString(prefix + PROFILE)),
                blankToNull(config.getString(prefix + PROVIDER_CLASS)),
                secret(config.getPassword(prefix + ACCESS_KEY_ID)),
                secret(config.getPassword(prefix + SECRET_ACCESS_KEY)),
                secret(config.getPassword(prefix + SESSION_TOKEN)),
                config.getInt(prefix + API_CALL_TIMEOUT_MS),
                config.getInt(prefix + CONNECTION_TIMEOUT_MS),
                config.originalsStrings());
    }

    /**
     * Cross-field checks for {@code Connector.validate()}: known region, well-formed URIs, a secret
     * key with every access key, and one credential source at a time.
     */
    public static void validate(String prefix, Map<String, ConfigValue> values) {
        ConfigValue region = values.get(prefix + REGION);
        if (region != null
                && region.value() != null
                && !isKnownRegion(region.value().toString())) {
            region.addErrorMessage("Unknown AWS region '" + region.value() + "'. Use a region code such as "
                    + "us-east-1 or eu-west-1.");
        }
        for (String key : List.of(ENDPOINT_URI, STS_ENDPOINT_URI)) {
            ConfigValue uri = values.get(prefix + key);
            if (uri != null && uri.value() != null && !uri.value().toString().isBlank()) {
                String problem = uriProblem(uri.value().toString());
                if (problem != null) {
                    uri.addErrorMessage(problem);
                }
            }
        }
        ConfigValue role = values.get(prefix + ROLE_ARN);
        if (role != null
                && role.value() != null
                && !role.value().toString().isBlank()
                && !role.value().toString().matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
            role.addErrorMessage("Not an IAM role ARN: expected arn:aws:iam::<12-digit account>:role/<name>");
        }
        ConfigValue access = values.get(prefix + ACCESS_KEY_ID);
        ConfigValue secret = values.get(prefix + SECRET_ACCESS_KEY);
        boolean hasAccess = access != null && access.value() != null;
        boolean hasSecret = secret != null && secret.value() != null;
        if (hasAccess != hasSecret) {
            (hasAccess ? secret : access)
                    .addErrorMessage(
                            prefix + ACCESS_KEY_ID + " and " + prefix + SECRET_ACCESS_KEY + " must be set together");
        }
        List<String> sources = new ArrayList<>();
        for (String key : List.of(PROVIDER_CLASS, PROFILE)) {
            ConfigValue v = values.get(prefix + key);
            if (v != null && v.value() != null && !v.value().toString().isBlank()) {
                sources.add(prefix + key);
            }
        }
        if (hasAccess) {
            sources.add(prefix + ACCESS_KEY_ID);
        }
        if (sources.size() > 1) {
            for (String key : sources) {
                values.get(key).addErrorMessage("Set only one credential source; these conflict: " + sources);
            }
        }
    }

    public static boolean isKnownRegion(String region) {
        return Region.regions().stream().anyMatch(r -> r.id().equals(region));
    }

    static String uriProblem(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null
                    || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                return "Not an endpoint URI: expected http(s)://host[:port]";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return "Not a valid URI: " + e.getMessage();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String secret(Password password) {
        return password == null ? null : blankToNull(password.value());
    }
}
