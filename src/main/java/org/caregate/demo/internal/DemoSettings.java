package org.caregate.demo.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled load demo data on first start (the default profile; never in {@code prod})
 * @param seed the generator's seed: the same seed gives the same patients on every machine
 * @param patients how many patients the first start loads
 * @param generate when above zero, add this many more patients, show progress and exit (benchmarks)
 * @param generatedRecords how the generated patients get their records: {@code bulk} (fast, not
 *     validated: benchmark volume), {@code import} (through the record import, validated, as the demo's
 *     own patients) or {@code none}
 * @param exitWhenGenerated end the process after generating (off only in tests, which share the JVM)
 */
@ConfigurationProperties("caregate.demo")
public record DemoSettings(boolean enabled, long seed, int patients, int generate,
        @DefaultValue("bulk") GeneratedRecords generatedRecords, @DefaultValue("true") boolean exitWhenGenerated) {

    /** How generated patients get their records. */
    public enum GeneratedRecords { BULK, IMPORT, NONE }
}
