package io.eventbridge.kafka.it.process;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * A process-cluster scenario left out when {@code process.it.subset=short}: the Kafka/Connect 3.9.1 run of the
 * suite (profile connect-3.9) keeps only the scenarios that depend most on the worker's own code (a worker
 * SIGKILLed, all of them killed and restarted, a dead letter the worker cannot write), for the time of CI; the
 * 4.3.1 run and {@code scripts/chaos.sh} run every one.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@DisabledIfSystemProperty(
        named = "process.it.subset",
        matches = "short",
        disabledReason = "process.it.subset=short: this scenario runs on the 4.3.1 worker only")
@interface FullMatrixOnly {}
