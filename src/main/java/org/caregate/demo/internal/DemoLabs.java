package org.caregate.demo.internal;

import static org.caregate.demo.internal.DemoChart.LOINC;
import static org.caregate.demo.internal.DemoChart.concept;
import static org.caregate.demo.internal.DemoChart.dateTime;
import static org.caregate.demo.internal.DemoChart.instant;
import static org.caregate.demo.internal.DemoChart.quantity;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;

/**
 * Blood tests (LOINC, UCUM units, reference ranges, H/L flags), grouped in a report per panel: blood
 * count, basic metabolic panel, lipids and A1c. Long-term problems bring several draws a year, so
 * trends show: a diabetic's A1c and glucose, an LDL that falls on a statin and climbs after it stops.
 */
final class DemoLabs {

    private static final CodeableConcept LABORATORY =
            concept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory");
    private static final CodeableConcept LAB_SECTION =
            concept("http://terminology.hl7.org/CodeSystem/v2-0074", "LAB", "Laboratory");
    private static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

    private record Test(String code, String display, String text, String unit, int decimals) {}

    private static final Test HEMOGLOBIN = new Test("718-7", "Hemoglobin [Mass/volume] in Blood", "Hemoglobin", "g/dL", 1);
    private static final Test WHITE_CELLS = new Test("6690-2", "Leukocytes [#/volume] in Blood by Automated count",
            "White blood cells", "10*3/uL", 1);
    private static final Test PLATELETS = new Test("777-3", "Platelets [#/volume] in Blood by Automated count",
            "Platelets", "10*3/uL", 0);
    private static final Test GLUCOSE = new Test("2345-7", "Glucose [Mass/volume] in Serum or Plasma", "Glucose", "mg/dL", 0);
    private static final Test SODIUM = new Test("2951-2", "Sodium [Moles/volume] in Serum or Plasma", "Sodium", "mmol/L", 0);
    private static final Test POTASSIUM = new Test("2823-3", "Potassium [Moles/volume] in Serum or Plasma", "Potassium",
            "mmol/L", 1);
    private static final Test CREATININE = new Test("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "Creatinine",
            "mg/dL", 2);
    private static final Test CHOLESTEROL = new Test("2093-3", "Cholesterol [Mass/volume] in Serum or Plasma",
            "Total cholesterol", "mg/dL", 0);
    private static final Test LDL = new Test("13457-7",
            "Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation", "LDL cholesterol", "mg/dL", 0);
    private static final Test HDL = new Test("2085-9", "Cholesterol in HDL [Mass/volume] in Serum or Plasma",
            "HDL cholesterol", "mg/dL", 0);
    private static final Test TRIGLYCERIDES = new Test("2571-8", "Triglyceride [Mass/volume] in Serum or Plasma",
            "Triglycerides", "mg/dL", 0);
    private static final Test A1C = new Test("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "Hemoglobin A1c", "%", 1);

    private final DemoChart chart;
    private final Reference subject;
    private final DemoHealth health;
    private final Random random;
    // The patient's own levels, around which each draw varies.
    private final double hemoglobin;
    private final double whiteCells;
    private final double platelets;
    private final double potassium;
    private final double creatinine;
    private final double ldl;
    private final double hdl;
    private final double triglycerides;

    DemoLabs(DemoChart chart, Reference subject, DemoHealth health, Random random) {
        this.chart = chart;
        this.subject = subject;
        this.health = health;
        this.random = random;
        boolean female = health.female();
        boolean anaemic = female && random.nextInt(100) < 12;
        this.hemoglobin = anaemic ? 11.0 + random.nextDouble() * 0.8
                : (female ? 13.3 : 15.0) + random.nextGaussian() * 0.7;
        this.whiteCells = 6.8 + random.nextGaussian() * 1.0;
        this.platelets = 260 + random.nextGaussian() * 45;
        this.potassium = 4.2 + random.nextGaussian() * 0.2;
        this.creatinine = (female ? 0.78 : 0.98) + random.nextGaussian() * 0.08;
        this.ldl = health.onsets().containsKey(DemoProblem.HYPERLIPIDEMIA) ? 165 + random.nextGaussian() * 15
                : 92 + random.nextGaussian() * 18;
        this.hdl = (female ? 58 : 47) + random.nextGaussian() * 8;
        this.triglycerides = (health.onsets().containsKey(DemoProblem.TYPE_2_DIABETES) ? 185 : 115)
                + random.nextGaussian() * 35;
    }

    /**
     * Writes the draws: {@code drawsPerYear} for a patient whose long-term problems are followed with
     * blood tests, a third as many (at least one a year) for others.
     */
    void write(int drawsPerYear) {
        int perYear = health.followedWithLabs() ? drawsPerYear : Math.max(1, drawsPerYear / 3);
        long days = Math.max(1, ChronoUnit.DAYS.between(health.from(), health.to()));
        int draws = (int) Math.max(1, Math.round(days / 365.25 * perYear));
        for (int i = 0; i < draws; i++) {
            LocalDate day = health.from().plusDays((long) ((i + random.nextDouble()) * days / draws));
            if (health.ageAt(day) >= 1) {
                draw(day.atTime(7, 0).plusMinutes(5L * random.nextInt(42)));
            }
        }
    }

    private void draw(LocalDateTime at) {
        LocalDate day = at.toLocalDate();
        double age = health.ageAt(day);
        boolean female = health.female();

        var count = new ArrayList<Reference>(3);
        double[] hemoglobinRange = age < 12 ? new double[] {11.5, 15.5} : female ? new double[] {12.0, 15.5}
                : new double[] {13.5, 17.5};
        double childHemoglobin = age < 12 ? 12.6 - (female ? 13.3 : 15.0) : 0;
        count.add(result(at, HEMOGLOBIN, hemoglobin + childHemoglobin + random.nextGaussian() * 0.3,
                hemoglobinRange[0], hemoglobinRange[1]));
        double infection = random.nextInt(100) < 4 ? 5 + random.nextDouble() * 3 : 0;
        count.add(result(at, WHITE_CELLS, whiteCells + infection + random.nextGaussian() * 0.6, 4.5, 11.0));
        count.add(result(at, PLATELETS, platelets + random.nextGaussian() * 15, 150, 400));
        report(at, "58410-2", "CBC panel - Blood by Automated count", "Complete blood count", count);
        if (age < 12) {
            return;
        }

        var metabolic = new ArrayList<Reference>(4);
        double a1c = health.a1cAt(day) + random.nextGaussian() * 0.1;
        // The ADAG study's estimated average glucose, less a little for a fasting sample.
        double glucose = health.has(DemoProblem.TYPE_2_DIABETES, day) ? 28.7 * a1c - 46.7 - 10 + random.nextGaussian() * 12
                : a1c >= 5.7 ? 100 + (a1c - 5.7) * 30 + random.nextGaussian() * 5 : 88 + random.nextGaussian() * 6;
        metabolic.add(result(at, GLUCOSE, glucose, 70, 99));
        double sodiumShift = random.nextInt(100) < 2 ? -5 : 0;
        metabolic.add(result(at, SODIUM, 140 + sodiumShift + random.nextGaussian() * 1.5, 136, 145));
        double potassiumShift = random.nextInt(100) < 3 ? (random.nextBoolean() ? 1.0 : -0.9) : 0;
        double onLisinopril = health.has(DemoProblem.HYPERTENSION, day) ? 0.15 : 0;
        metabolic.add(result(at, POTASSIUM, potassium + onLisinopril + potassiumShift + random.nextGaussian() * 0.15,
                3.5, 5.1));
        double[] creatinineRange = age < 18 ? new double[] {0.5, 1.0} : female ? new double[] {0.59, 1.04}
                : new double[] {0.74, 1.35};
        double kidneys = (age < 18 ? -0.2 : 0) + (age > 70 ? 0.15 : 0)
                + (health.has(DemoProblem.TYPE_2_DIABETES, day) ? 0.04 * years(day) : 0);
        metabolic.add(result(at, CREATININE, creatinine + kidneys + random.nextGaussian() * 0.05, creatinineRange[0],
                creatinineRange[1]));
        report(at, "51990-0", "Basic metabolic panel - Blood", "Basic metabolic panel", metabolic);

        if (age >= 20) {
            var lipids = new ArrayList<Reference>(4);
            double ldlToday = Math.max(40, (health.onStatin(day) ? ldl * 0.62 : ldl) + random.nextGaussian() * 8);
            double hdlToday = Math.max(22, hdl + random.nextGaussian() * 3);
            double triglyceridesToday = Math.max(45, triglycerides + random.nextGaussian() * 20);
            // Friedewald: the calculated LDL is what the total leaves after HDL and a fifth of the triglycerides.
            lipids.add(result(at, CHOLESTEROL, ldlToday + hdlToday + triglyceridesToday / 5, Double.NaN, 199));
            lipids.add(result(at, LDL, ldlToday, Double.NaN, 99));
            lipids.add(result(at, HDL, hdlToday, 40, Double.NaN));
            lipids.add(result(at, TRIGLYCERIDES, triglyceridesToday, Double.NaN, 149));
            report(at, "24331-1", "Lipid 1996 panel - Serum or Plasma", "Lipid panel", lipids);
        }
        boolean sugar = health.onsets().containsKey(DemoProblem.TYPE_2_DIABETES)
                || health.onsets().containsKey(DemoProblem.PREDIABETES);
        if (age >= 18 && (sugar || age >= 35)) {
            report(at, A1C.code(), A1C.display(), A1C.text(), List.of(result(at, A1C, a1c, 4.0, 5.6)));
        }
    }

    private double years(LocalDate day) {
        return ChronoUnit.DAYS.between(health.from(), day) / 365.25;
    }

    /** One result; a bound that is NaN does not exist ("below 200"). */
    private Reference result(LocalDateTime at, Test test, double measured, double low, double high) {
        double value = round(Math.max(measured, 0.1), test.decimals());
        var observation = new Observation()
                .setStatus(Observation.ObservationStatus.FINAL)
                .addCategory(LABORATORY.copy())
                .setCode(concept(LOINC, test.code(), test.display(), test.text()))
                .setSubject(subject.copy())
                .setEffective(dateTime(at))
                .setIssuedElement(instant(at.plusHours(3)))
                .setValue(quantity(value, test.decimals(), test.unit()));
        var range = observation.addReferenceRange();
        if (!Double.isNaN(low)) {
            range.setLow(quantity(low, test.decimals(), test.unit()));
        }
        if (!Double.isNaN(high)) {
            range.setHigh(quantity(high, test.decimals(), test.unit()));
        }
        if (value < low) {
            observation.addInterpretation(concept(INTERPRETATION, "L", "Low"));
        } else if (value > high) {
            observation.addInterpretation(concept(INTERPRETATION, "H", "High"));
        }
        return chart.add(observation);
    }

    private void report(LocalDateTime at, String code, String display, String text, List<Reference> results) {
        var report = new DiagnosticReport()
                .setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL)
                .addCategory(LAB_SECTION.copy())
                .setCode(concept(LOINC, code, display, text))
                .setSubject(subject.copy())
                .setEffective(dateTime(at))
                .setIssuedElement(instant(at.plusHours(3)));
        results.forEach(report::addResult);
        chart.add(report);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
