/** CloudEvents converter and the EventBridge <-> CloudEvents mapping. Not implemented yet: see the converter issue. */
package io.eventbridge.kafka.cloudevents;
