package org.caregate.demo.internal;

import static org.caregate.demo.internal.DemoChart.LOINC;
import static org.caregate.demo.internal.DemoChart.concept;
import static org.caregate.demo.internal.DemoChart.quantity;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Random;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;

/**
 * The vital signs taken at a visit, as FHIR's vital-sign profiles shape them (the blood pressure as
 * one panel with systolic and diastolic components), in UCUM units.
 */
final class DemoVitals {

    private static final CodeableConcept VITAL_SIGNS =
            concept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs");
    private static final String PROFILES = "http://hl7.org/fhir/StructureDefinition/";

    /** What was measured, for the visit's notes; a pressure of 0 was not taken (young children). */
    record Measured(int systolic, int diastolic, int heartRate, double weight, double height, double bmi,
            double temperature) {

        boolean hasPressure() {
            return systolic > 0;
        }
    }

    private final DemoChart chart;
    private final Reference subject;
    private final DemoHealth health;
    private final Random random;
    private final int restingRate;

    DemoVitals(DemoChart chart, Reference subject, DemoHealth health, Random random) {
        this.chart = chart;
        this.subject = subject;
        this.health = health;
        this.random = random;
        this.restingRate = 64 + random.nextInt(16);
    }

    /** Measures and records the vital signs; {@code fever} is the expected rise in temperature (°C). */
    Measured measure(Reference encounter, LocalDateTime at, double fever) {
        LocalDate day = at.toLocalDate();
        double age = health.ageAt(day);
        int systolic = 0;
        int diastolic = 0;
        if (age >= 3) {
            systolic = (int) Math.round(systolicMean(day, age) + random.nextGaussian() * 6);
            diastolic = (int) Math.round(diastolicMean(day, age) + random.nextGaussian() * 4);
            var pressure = vital("bp", "85354-9", "Blood pressure panel with all children optional", "Blood pressure",
                    encounter, at);
            pressure.addComponent().setCode(concept(LOINC, "8480-6", "Systolic blood pressure", "Systolic"))
                    .setValue(quantity(systolic, 0, "mm[Hg]"));
            pressure.addComponent().setCode(concept(LOINC, "8462-4", "Diastolic blood pressure", "Diastolic"))
                    .setValue(quantity(diastolic, 0, "mm[Hg]"));
            chart.add(pressure);
        }
        double typicalRate = age < 1 ? 130 : age < 6 ? 105 : age < 13 ? 88 : restingRate;
        int heartRate = (int) Math.round(typicalRate + random.nextGaussian() * 6 + fever * 8);
        record(vital("heartrate", "8867-4", "Heart rate", "Heart rate", encounter, at), heartRate, 0, "/min");
        double weight = health.weightAt(day) + random.nextGaussian() * (age < 5 ? 0.1 : 0.6);
        record(vital("bodyweight", "29463-7", "Body weight", "Weight", encounter, at), weight, 1, "kg");
        double height = health.heightAt(day) + random.nextGaussian() * 0.3;
        record(vital("bodyheight", "8302-2", "Body height", "Height", encounter, at), height, 1, "cm");
        double bmi = weight / (height / 100 * height / 100);
        if (age >= 2) {
            record(vital("bmi", "39156-5", "Body mass index (BMI) [Ratio]", "Body mass index (BMI)", encounter, at), bmi,
                    1, "kg/m2");
        }
        double temperature = 36.7 + random.nextGaussian() * 0.2 + fever;
        record(vital("bodytemp", "8310-5", "Body temperature", "Temperature", encounter, at), temperature, 1, "Cel");
        return new Measured(systolic, diastolic, heartRate, round(weight), round(height), round(bmi), round(temperature));
    }

    private double systolicMean(LocalDate day, double age) {
        if (age < 13) {
            return 102;
        }
        if (age < 18) {
            return 112;
        }
        if (health.has(DemoProblem.HYPERTENSION, day)) {
            return health.pressureControlled() ? 128 : 148;
        }
        // Rising towards the diagnosis when high blood pressure begins within the record.
        return health.onsets().containsKey(DemoProblem.HYPERTENSION) ? 136 : 114 + Math.max(0, age - 30) * 0.25;
    }

    private double diastolicMean(LocalDate day, double age) {
        if (age < 13) {
            return 63;
        }
        if (age < 18) {
            return 70;
        }
        if (health.has(DemoProblem.HYPERTENSION, day)) {
            return health.pressureControlled() ? 80 : 93;
        }
        return health.onsets().containsKey(DemoProblem.HYPERTENSION) ? 86 : 75;
    }

    private Observation vital(String profile, String code, String display, String text, Reference encounter,
            LocalDateTime at) {
        var observation = new Observation()
                .setStatus(Observation.ObservationStatus.FINAL)
                .addCategory(VITAL_SIGNS.copy())
                .setCode(concept(LOINC, code, display, text))
                .setSubject(subject.copy())
                .setEncounter(encounter.copy())
                .setEffective(DemoChart.dateTime(at));
        observation.getMeta().addProfile(PROFILES + profile);
        return observation;
    }

    private void record(Observation observation, double value, int decimals, String unit) {
        chart.add(observation.setValue(quantity(value, decimals, unit)));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
