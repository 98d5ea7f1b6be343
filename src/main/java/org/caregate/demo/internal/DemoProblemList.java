package org.caregate.demo.internal;

import static org.caregate.demo.internal.DemoChart.SNOMED;
import static org.caregate.demo.internal.DemoChart.concept;
import static org.caregate.demo.internal.DemoChart.day;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCategory;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCriticality;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceSeverity;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;

/** Conditions (the problem list and the diagnoses of short illnesses) and allergies. */
final class DemoProblemList {

    private static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    private static final String ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
    private static final String ALLERGY_VERIFICATION =
            "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";

    private enum Allergen {
        PENICILLIN("764146007", "Penicillin", AllergyIntoleranceCategory.MEDICATION, 10),
        PEANUT("762952008", "Peanut", AllergyIntoleranceCategory.FOOD, 4),
        LATEX("111088007", "Latex", AllergyIntoleranceCategory.ENVIRONMENT, 3),
        BEE_VENOM("288328004", "Bee venom", AllergyIntoleranceCategory.ENVIRONMENT, 3);

        final String code;
        final String name;
        final AllergyIntoleranceCategory category;
        final int percent;

        Allergen(String code, String name, AllergyIntoleranceCategory category, int percent) {
            this.code = code;
            this.name = name;
            this.category = category;
            this.percent = percent;
        }
    }

    private record Reaction(String code, String display, String text) {}

    private static final Reaction RASH = new Reaction("271807003", "Eruption of skin (disorder)", "Rash");
    private static final Reaction HIVES = new Reaction("126485001", "Urticaria (disorder)", "Hives");
    private static final Reaction ANAPHYLAXIS = new Reaction("39579001", "Anaphylaxis (disorder)", "Anaphylaxis");

    private final DemoChart chart;
    private final Reference subject;
    private final DemoHealth health;
    private final Random random;

    DemoProblemList(DemoChart chart, Reference subject, DemoHealth health, Random random) {
        this.chart = chart;
        this.subject = subject;
        this.health = health;
        this.random = random;
    }

    /** Writes the problems of {@link DemoHealth#onsets()} and the allergies; returns the conditions by problem. */
    Map<DemoProblem, Reference> write() {
        var conditions = new EnumMap<DemoProblem, Reference>(DemoProblem.class);
        LocalDate diabetes = health.onsets().get(DemoProblem.TYPE_2_DIABETES);
        health.onsets().forEach((problem, onset) -> {
            // Prediabetes ends where diabetes is diagnosed; short illnesses end after a few weeks.
            LocalDate resolved = problem == DemoProblem.PREDIABETES ? diabetes
                    : problem.longTerm ? null
                    : onset.plusDays(problem == DemoProblem.LOW_BACK_PAIN ? 28 + random.nextInt(35) : 10 + random.nextInt(12));
            conditions.put(problem, condition(problem, onset, resolved == null || resolved.isAfter(health.to()) ? null : resolved));
        });
        writeAllergies();
        return conditions;
    }

    /** A condition; {@code resolved} is null while it lasts. */
    Reference condition(DemoProblem problem, LocalDate onset, @Nullable LocalDate resolved) {
        var condition = new Condition()
                .setClinicalStatus(resolved == null ? concept(CLINICAL, "active", "Active")
                        : concept(CLINICAL, "resolved", "Resolved"))
                .setVerificationStatus(concept(VERIFICATION, "confirmed", "Confirmed"))
                .addCategory(problem.longTerm ? concept(CATEGORY, "problem-list-item", "Problem List Item")
                        : concept(CATEGORY, "encounter-diagnosis", "Encounter Diagnosis"))
                .setCode(concept(SNOMED, problem.code, problem.display, problem.text))
                .setSubject(subject.copy())
                .setOnset(day(onset))
                .setRecordedDateElement(DemoChart.dateTime(onset.atTime(9, 0).plusMinutes(random.nextInt(480))));
        if (resolved != null) {
            condition.setAbatement(day(resolved));
        }
        if (problem.restricted()) {
            condition.getMeta().addSecurity(DemoChart.restricted());
        }
        return chart.add(condition);
    }

    private void writeAllergies() {
        boolean child = health.ageAt(health.to()) < 18;
        for (Allergen allergen : Allergen.values()) {
            int percent = allergen == Allergen.PEANUT && child ? 7 : allergen.percent;
            if (random.nextInt(100) >= percent) {
                continue;
            }
            boolean severe = switch (allergen) {
                case PENICILLIN -> random.nextInt(100) < 15;
                case LATEX -> false;
                case PEANUT, BEE_VENOM -> random.nextInt(100) < 70;
            };
            Reaction reaction = severe ? ANAPHYLAXIS : allergen == Allergen.PENICILLIN && random.nextBoolean() ? RASH : HIVES;
            LocalDate recorded = health.dayWithin(random);
            var allergy = new AllergyIntolerance()
                    .setClinicalStatus(concept(ALLERGY_CLINICAL, "active", "Active"))
                    .setVerificationStatus(concept(ALLERGY_VERIFICATION, "confirmed", "Confirmed"))
                    .setType(AllergyIntolerance.AllergyIntoleranceType.ALLERGY)
                    .setCriticality(severe ? AllergyIntoleranceCriticality.HIGH : AllergyIntoleranceCriticality.LOW)
                    .setCode(concept(SNOMED, allergen.code, allergen.name + " (substance)", allergen.name))
                    .setPatient(subject.copy())
                    .setRecordedDateElement(DemoChart.dateTime(recorded.atTime(10, 15)));
            allergy.addCategory(allergen.category);
            allergy.addReaction()
                    .addManifestation(concept(SNOMED, reaction.code(), reaction.display(), reaction.text()))
                    .setSeverity(severe ? AllergyIntoleranceSeverity.SEVERE : AllergyIntoleranceSeverity.MILD);
            chart.add(allergy);
        }
    }
}
