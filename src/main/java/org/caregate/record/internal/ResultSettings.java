package org.caregate.record.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How test results reach patients. By default a result shows as soon as it is imported; an
 * organisation that must give its clinicians time first holds a category back for a while.
 *
 * @param delay category code (as the EHR sends it: {@code laboratory}, {@code RAD}) → how long after
 *     import results of that category wait, at every organisation
 * @param delayFor organisation → category code → wait, overriding {@code delay} there
 * @param newFor with no earlier sign-in to compare with, results stored this recently count as new
 * @param notReviewedFor results this recent carry the note that the care team may not have reviewed them
 */
@ConfigurationProperties("caregate.record.results")
public record ResultSettings(Map<String, Duration> delay, Map<String, Map<String, Duration>> delayFor,
        @DefaultValue("14d") Duration newFor, @DefaultValue("14d") Duration notReviewedFor) {

    public ResultSettings {
        delay = delay == null ? Map.of() : Map.copyOf(delay);
        delayFor = delayFor == null ? Map.of() : Map.copyOf(delayFor);
    }

    /** What each organisation still holds back at this moment. */
    public List<PatientRecords.Hold> holds(List<String> organizations, Instant now) {
        List<PatientRecords.Hold> holds = new ArrayList<>();
        for (String organization : organizations) {
            Map<String, Duration> effective = new java.util.HashMap<>(delay);
            effective.putAll(delayFor.getOrDefault(organization, Map.of()));
            effective.forEach((category, wait) -> {
                if (!wait.isZero() && !wait.isNegative()) {
                    holds.add(new PatientRecords.Hold(organization, category, now.minus(wait)));
                }
            });
        }
        return holds;
    }
}
