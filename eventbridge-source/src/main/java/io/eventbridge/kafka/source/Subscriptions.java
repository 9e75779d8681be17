package io.eventbridge.kafka.source;

import io.eventbridge.kafka.source.config.EventBridgeSourceConfig;
import io.eventbridge.kafka.source.config.SqsConfig;
import io.eventbridge.kafka.source.config.SubscriptionConfig;
import io.eventbridge.kafka.source.subscription.Change;
import io.eventbridge.kafka.source.subscription.SubscriptionClients;
import io.eventbridge.kafka.source.subscription.SubscriptionReconciler;
import io.eventbridge.kafka.source.subscription.WiringCheck;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the connector does with subscription.mode at start: the queues its tasks then receive from. */
final class Subscriptions {
    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private Subscriptions() {}

    static List<String> queues(EventBridgeSourceConfig config, String connector) {
        switch (config.subscriptionMode()) {
            case MANAGED:
                try (SubscriptionReconciler reconciler = SubscriptionReconciler.create(config, connector)) {
                    SubscriptionReconciler.Outcome outcome = reconciler.apply();
                    for (Change c : outcome.changes()) {
                        log.info("Subscription {}: {}", connector, c);
                    }
                    log.info(
                            "Subscription {}: {} change(s); queue {}, rules {}",
                            connector,
                            outcome.changes().size(),
                            outcome.queueUrl(),
                            outcome.ruleArns());
                    return List.of(outcome.queueUrl());
                }
            case EXISTING:
                checkWiring(config);
                return config.queueUrls();
            default:
                return config.queueUrls();
        }
    }

    private static void checkWiring(EventBridgeSourceConfig config) {
        try (SubscriptionClients clients = SubscriptionClients.of(config)) {
            List<String> warnings = WiringCheck.warnings(
                    clients.sqs(),
                    clients.events(),
                    config.getString(SubscriptionConfig.BUS_CONFIG),
                    config.queueUrls(),
                    config.getInt(SqsConfig.VISIBILITY_CONFIG));
            warnings.forEach(w -> log.warn("Wiring check: {}", w));
            log.info(
                    "Wiring check of {} queue(s): {} warning(s)",
                    config.queueUrls().size(),
                    warnings.size());
        }
    }
}
