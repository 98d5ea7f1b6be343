package org.caregate.demo.internal;

import static org.caregate.demo.internal.DemoChart.CVX;
import static org.caregate.demo.internal.DemoChart.RXNORM;
import static org.caregate.demo.internal.DemoChart.concept;
import static org.caregate.demo.internal.DemoChart.dateTime;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.util.Map;
import java.util.Random;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;

/** Prescriptions (MedicationRequest, RxNorm) for the patient's problems, and immunizations (CVX). */
final class DemoMedicines {

    private static final String REQUEST_CATEGORY = "http://terminology.hl7.org/CodeSystem/medicationrequest-category";

    /**
     * @param schedule the DEA schedule of a controlled substance ("II", "IV"), null for others
     * @param repeats refills the prescriber allowed
     */
    private record Drug(String rxnorm, String display, String text, String dosage, boolean asNeeded, int days,
            int quantity, String unit, int repeats, @Nullable String schedule) {}

    private static final Drug LISINOPRIL = new Drug("314076", "lisinopril 10 MG Oral Tablet", "Lisinopril 10 mg tablet",
            "Take 1 tablet by mouth once a day.", false, 90, 90, "tablet", 3, null);
    private static final Drug AMLODIPINE = new Drug("197361", "amlodipine 5 MG Oral Tablet", "Amlodipine 5 mg tablet",
            "Take 1 tablet by mouth once a day.", false, 90, 90, "tablet", 3, null);
    private static final Drug METFORMIN = new Drug("861007", "metformin hydrochloride 500 MG Oral Tablet",
            "Metformin 500 mg tablet", "Take 1 tablet by mouth twice a day with meals.", false, 90, 180, "tablet", 3, null);
    private static final Drug ATORVASTATIN = new Drug("617311", "atorvastatin 40 MG Oral Tablet",
            "Atorvastatin 40 mg tablet", "Take 1 tablet by mouth at bedtime.", false, 90, 90, "tablet", 3, null);
    private static final Drug ALBUTEROL = new Drug("745679", "200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler",
            "Albuterol inhaler (rescue)",
            "Inhale 2 puffs every 4 to 6 hours as needed for wheezing or shortness of breath.", true, 30, 1, "inhaler", 2,
            null);
    private static final Drug FLUTICASONE = new Drug("895994",
            "120 ACTUAT fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler", "Fluticasone inhaler (controller)",
            "Inhale 2 puffs twice a day, every day. Rinse your mouth after each use.", false, 30, 1, "inhaler", 5, null);
    private static final Drug SERTRALINE = new Drug("312941", "sertraline 50 MG Oral Tablet", "Sertraline 50 mg tablet",
            "Take 1 tablet by mouth once a day.", false, 30, 30, "tablet", 5, null);
    private static final Drug LORAZEPAM = new Drug("197900", "lorazepam 0.5 MG Oral Tablet", "Lorazepam 0.5 mg tablet",
            "Take 1 tablet by mouth up to twice a day as needed for anxiety.", true, 30, 20, "tablet", 2, "IV");
    private static final Drug HYDROCODONE = new Drug("856987",
            "acetaminophen 300 MG / hydrocodone bitartrate 5 MG Oral Tablet",
            "Hydrocodone-acetaminophen 5-300 mg tablet",
            "Take 1 tablet by mouth every 6 hours as needed for severe pain. Do not take other acetaminophen with it.",
            true, 3, 12, "tablet", 0, "II");

    private final DemoChart chart;
    private final Reference subject;
    private final DemoHealth health;
    private final Random random;
    private final Map<DemoProblem, Reference> conditions;

    DemoMedicines(DemoChart chart, Reference subject, DemoHealth health, Random random,
            Map<DemoProblem, Reference> conditions) {
        this.chart = chart;
        this.subject = subject;
        this.health = health;
        this.random = random;
        this.conditions = conditions;
    }

    void write() {
        writePrescriptions();
        writeImmunizations();
    }

    private void writePrescriptions() {
        Map<DemoProblem, LocalDate> onsets = health.onsets();
        if (onsets.containsKey(DemoProblem.HYPERTENSION)) {
            prescribe(LISINOPRIL, DemoProblem.HYPERTENSION, renewal(DemoProblem.HYPERTENSION));
            if (!health.pressureControlled()) {
                prescribe(AMLODIPINE, DemoProblem.HYPERTENSION, renewal(DemoProblem.HYPERTENSION));
            }
        }
        if (onsets.containsKey(DemoProblem.TYPE_2_DIABETES)) {
            prescribe(METFORMIN, DemoProblem.TYPE_2_DIABETES, renewal(DemoProblem.TYPE_2_DIABETES));
        }
        if (onsets.containsKey(DemoProblem.HYPERLIPIDEMIA)) {
            LocalDate stopped = health.statinStopped();
            if (stopped == null) {
                prescribe(ATORVASTATIN, DemoProblem.HYPERLIPIDEMIA, renewal(DemoProblem.HYPERLIPIDEMIA));
            } else {
                LocalDate started = latest(onsets.get(DemoProblem.HYPERLIPIDEMIA), health.from());
                prescribe(ATORVASTATIN, DemoProblem.HYPERLIPIDEMIA, started.atTime(11, 20))
                        .setStatus(MedicationRequestStatus.STOPPED)
                        .setStatusReason(concept(DemoChart.SNOMED, "68962001", "Muscle pain (finding)",
                                "Stopped on " + stopped + " because of muscle aches"));
            }
        }
        if (onsets.containsKey(DemoProblem.ASTHMA)) {
            prescribe(ALBUTEROL, DemoProblem.ASTHMA, renewal(DemoProblem.ASTHMA));
            if (random.nextInt(100) < 40) {
                prescribe(FLUTICASONE, DemoProblem.ASTHMA, renewal(DemoProblem.ASTHMA));
            }
        }
        for (DemoProblem mood : new DemoProblem[] {DemoProblem.ANXIETY, DemoProblem.DEPRESSION}) {
            if (onsets.containsKey(mood)) {
                prescribe(SERTRALINE, mood, renewal(mood));
                if (mood == DemoProblem.ANXIETY && health.lorazepam()) {
                    prescribe(LORAZEPAM, mood, renewal(mood));
                }
            }
        }
        LocalDate backPain = onsets.get(DemoProblem.LOW_BACK_PAIN);
        if (backPain != null && health.opioid()) {
            prescribe(HYDROCODONE, DemoProblem.LOW_BACK_PAIN, backPain.atTime(16, 40))
                    .setStatus(MedicationRequestStatus.COMPLETED);
        }
    }

    /** The latest renewal of a long-term medicine: within the last year, not before the problem began. */
    private LocalDateTime renewal(DemoProblem problem) {
        LocalDate earliest = latest(health.onsets().get(problem), health.from());
        LocalDate renewed = latest(health.to().minusDays(20 + random.nextInt(330)), earliest);
        return renewed.atTime(8 + random.nextInt(9), 5 * random.nextInt(12));
    }

    private MedicationRequest prescribe(Drug drug, DemoProblem reason, LocalDateTime authored) {
        var request = new MedicationRequest()
                .setStatus(MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .addCategory(concept(REQUEST_CATEGORY, "outpatient", "Outpatient"))
                .setMedication(concept(RXNORM, drug.rxnorm(), drug.display(), drug.text()))
                .setSubject(subject.copy())
                .setAuthoredOnElement(dateTime(authored))
                .setRequester(new Reference().setDisplay(health.clinician()))
                .addReasonReference(conditions.get(reason).copy());
        request.addDosageInstruction().setText(drug.dosage()).setAsNeeded(new BooleanType(drug.asNeeded()));
        request.getDispenseRequest()
                .setValidityPeriod(new Period().setStartElement(dateTime(authored))
                        .setEndElement(dateTime(authored.plusYears(1))))
                .setNumberOfRepeatsAllowed(drug.repeats())
                .setQuantity(new Quantity(drug.quantity()).setUnit(drug.unit()))
                .setExpectedSupplyDuration((Duration) new Duration().setValue(drug.days()).setUnit("days")
                        .setSystem(DemoChart.UCUM).setCode("d"));
        if (drug.schedule() != null) {
            request.addExtension(DemoRecordGenerator.CONTROLLED_SUBSTANCE, new BooleanType(true));
            request.addNote().setText("Controlled substance (schedule " + drug.schedule() + ").");
        }
        if (reason.restricted()) {
            request.getMeta().addSecurity(DemoChart.restricted());
        }
        chart.add(request);
        return request;
    }

    private void writeImmunizations() {
        for (int year = health.from().getYear(); year <= health.to().getYear(); year++) {
            LocalDate fall = season(year);
            double age = health.ageAt(fall);
            if (age >= 0.5 && random.nextInt(100) < (age >= 65 ? 75 : age < 18 ? 60 : 50)) {
                boolean quadrivalent = random.nextInt(100) < 80;
                immunize(quadrivalent ? "150" : "141", quadrivalent
                        ? "Influenza, injectable, quadrivalent, preservative free"
                        : "Influenza, seasonal, injectable", "Flu shot", fall);
            }
        }
        LocalDate firstDose = LocalDate.of(2021, 4, 5).plusDays(random.nextInt(80));
        if (health.ageAt(firstDose) >= 12 && random.nextInt(100) < 70) {
            String display = "COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose";
            immunize("208", display, "COVID-19 vaccine, dose 1", firstDose);
            immunize("208", display, "COVID-19 vaccine, dose 2", firstDose.plusDays(21));
            if (random.nextInt(100) < 60) {
                immunize("208", display, "COVID-19 vaccine, booster", LocalDate.of(2021, 11, 1).plusDays(random.nextInt(110)));
            }
            for (int year = 2023; year <= 2025; year++) {
                LocalDate fall = season(year);
                if (random.nextInt(100) < (health.ageAt(fall) >= 65 ? 60 : 35)) {
                    immunize("309", "COVID-19, mRNA, LNP-S, PF, tris-sucrose, 30 mcg/0.3 mL", "COVID-19 vaccine, updated",
                            fall);
                }
            }
        }
        LocalDate eleven = health.birth().plusYears(11).plusDays(random.nextInt(300));
        LocalDate tdap = random.nextInt(100) < 12 ? health.dayWithin(random) : eleven;
        if (health.ageAt(tdap) >= 11) {
            immunize("115", "Tdap", "Tetanus, diphtheria and whooping cough (Tdap)", tdap);
        }
        LocalDate sixtyFive = latest(health.birth().plusYears(65).plusDays(random.nextInt(400)), health.dayWithin(random));
        if (random.nextInt(100) < 60) {
            immunize("33", "pneumococcal polysaccharide PPV23", "Pneumonia vaccine (PPSV23)", sixtyFive);
        }
    }

    /** A day in the autumn vaccination season. */
    private LocalDate season(int year) {
        return MonthDay.of(9, 15).atYear(year).plusDays(random.nextInt(75));
    }

    /** Records a dose given on a day within the record; doses outside it are not the record's to tell. */
    private void immunize(String cvx, String display, String text, LocalDate day) {
        if (day.isBefore(health.from()) || day.isAfter(health.to())) {
            return;
        }
        LocalDateTime at = day.atTime(9 + random.nextInt(8), 5 * random.nextInt(12));
        var immunization = new Immunization()
                .setStatus(Immunization.ImmunizationStatus.COMPLETED)
                .setVaccineCode(concept(CVX, cvx, display, text))
                .setPatient(subject.copy())
                .setOccurrence(dateTime(at))
                .setRecordedElement(dateTime(at.plusMinutes(10)))
                .setPrimarySource(true)
                .setLotNumber("L" + (100_000 + random.nextInt(900_000)));
        chart.add(immunization);
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
