package io.eventbridge.kafka.sink.filter;

import io.eventbridge.kafka.common.error.AwsErrorClassifier;
import io.eventbridge.kafka.common.pattern.EventPatterns;
import io.eventbridge.kafka.common.schemas.SchemasClient;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ArchiveState;
import software.amazon.awssdk.services.eventbridge.model.DescribeArchiveResponse;
import software.amazon.awssdk.services.eventbridge.model.ListArchivesResponse;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.RuleState;

/**
 * Reads what a bus's consumers want: its enabled rules with their patterns (from every creator account: the bus's
 * ListRules shows them all), its enabled archives with their patterns, and whether a schema discoverer samples it.
 * Anything that would make a filter drop an event some consumer wants makes the set fail open instead.
 */
final class BusRuleReader {
    private final EventBridgeClient events;
    private final SchemasClient schemas;
    private final String busArn;
    private final int maxRules;

    BusRuleReader(EventBridgeClient events, SchemasClient schemas, String busArn, int maxRules) {
        this.events = events;
        this.schemas = schemas;
        this.busArn = busArn;
        this.maxRules = maxRules;
    }

    BusRuleSet read() {
        Map<String, String> patterns = new LinkedHashMap<>();
        String action = "events:ListRules";
        try {
            int rules = 0;
            String token = null;
            do {
                String page = token;
                ListRulesResponse response =
                        events.listRules(r -> r.eventBusName(busArn).limit(100).nextToken(page));
                for (Rule rule : response.rules()) {
                    if (rule.state() == RuleState.DISABLED || rule.eventPattern() == null) {
                        continue; // a disabled or a scheduled rule wants no events
                    }
                    if (++rules > maxRules) {
                        return BusRuleSet.open(
                                "the bus has more than event.filter.max.rules=" + maxRules + " enabled rules");
                    }
                    String problem = EventPatterns.problem(rule.eventPattern());
                    if (problem != null) {
                        return BusRuleSet.open("the pattern of rule " + rule.name() + " cannot be parsed: " + problem);
                    }
                    patterns.put("rule/" + rule.name(), rule.eventPattern());
                }
                token = response.nextToken();
            } while (token != null && !token.isEmpty());
            action = "events:ListArchives";
            int archives = 0;
            token = null;
            do {
                String page = token;
                ListArchivesResponse response = events.listArchives(
                        r -> r.eventSourceArn(busArn).limit(100).nextToken(page));
                for (var summary : response.archives()) {
                    if (summary.state() == ArchiveState.DISABLED) {
                        continue;
                    }
                    action = "events:DescribeArchive";
                    DescribeArchiveResponse archive = events.describeArchive(r -> r.archiveName(summary.archiveName()));
                    action = "events:ListArchives";
                    if (archive.eventPattern() == null || archive.eventPattern().isBlank()) {
                        return BusRuleSet.open(
                                "archive " + archive.archiveName() + " has no pattern: it archives " + "every event");
                    }
                    String problem = EventPatterns.problem(archive.eventPattern());
                    if (problem != null) {
                        return BusRuleSet.open(
                                "the pattern of archive " + archive.archiveName() + " cannot be parsed: " + problem);
                    }
                    archives++;
                    patterns.put("archive/" + archive.archiveName(), archive.eventPattern());
                }
                token = response.nextToken();
            } while (token != null && !token.isEmpty());
            action = "schemas:ListDiscoverers";
            for (SchemasClient.Discoverer d : schemas.listDiscoverers(busArn)) {
                if (d.sourceArn().equals(busArn) && d.started()) {
                    return BusRuleSet.open(
                            "schema discoverer " + d.id() + " is started on the bus: it samples " + "every event");
                }
            }
            return new BusRuleSet(java.util.Collections.unmodifiableMap(patterns), null, rules, archives);
        } catch (RuntimeException e) {
            return BusRuleSet.open(
                    "the bus's rules cannot be read: " + action + " failed with " + AwsErrorClassifier.errorCode(e)
                            + ": " + AwsErrorClassifier.unwrap(e).getMessage());
        }
    }
}
