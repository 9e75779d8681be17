/** EventBridge -> Kafka source connector (through SQS). Not implemented yet: see the source issue. */
package io.eventbridge.kafka.source;
