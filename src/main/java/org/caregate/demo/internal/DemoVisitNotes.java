package org.caregate.demo.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The words of the visit documents: a summary for the patient in plain English, a clinician's
 * progress note, and the radiologist's chest X-ray report. They say what the rest of the record
 * shows (the vital signs just taken, the A1c's direction, a stopped statin).
 */
final class DemoVisitNotes {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

    private final DemoHealth health;

    DemoVisitNotes(DemoHealth health) {
        this.health = health;
    }

    String summary(String kind, LocalDateTime start, String clinician, List<DemoProblem> reasons,
            DemoVitals.@Nullable Measured measured, @Nullable String chestXRay) {
        LocalDate day = start.toLocalDate();
        var text = new StringBuilder(600)
                .append("Visit summary: ").append(kind).append(" on ").append(DAY.format(day)).append('\n')
                .append("Seen by ").append(clinician).append(".\n");
        if (!reasons.isEmpty()) {
            text.append("Reason for the visit: ").append(String.join(", ", reasons.stream()
                    .map(p -> p.text.toLowerCase(Locale.US)).toList())).append(".\n");
        }
        if (measured != null) {
            text.append("Today: ");
            if (measured.hasPressure()) {
                text.append("blood pressure ").append(measured.systolic()).append('/').append(measured.diastolic())
                        .append(" mmHg, ");
            }
            text.append("heart rate ").append(measured.heartRate()).append(" per minute, weight ")
                    .append(measured.weight()).append(" kg, temperature ").append(measured.temperature()).append(" °C.\n");
        }
        if (reasons.isEmpty()) {
            text.append(health.ageAt(day) < 18
                    ? "Growing and developing well. We talked about sleep, healthy eating, activity and safety.\n"
                    : "We reviewed your health, your medicines, screening tests and vaccines.\n");
        }
        for (DemoProblem reason : reasons) {
            text.append(advice(reason, day, measured, chestXRay)).append('\n');
        }
        return text.append("Questions? Send us a message in the portal or call the clinic.\n").toString();
    }

    private String advice(DemoProblem problem, LocalDate day, DemoVitals.@Nullable Measured measured,
            @Nullable String chestXRay) {
        return switch (problem) {
            case HYPERTENSION -> measured != null && measured.systolic() >= 140
                    ? "Your blood pressure is above the goal of 130/80. Keep taking your blood pressure medicine every"
                            + " day, check your pressure at home and bring the readings to your next visit."
                    : "Your blood pressure is at goal. Keep taking lisinopril once a day.";
            case TYPE_2_DIABETES -> "Diabetes: your A1c is " + a1cDirection() + ". Keep taking metformin with meals"
                    + " and aim for 30 minutes of walking on most days. We will check your A1c again in 3 months.";
            case PREDIABETES -> "Your blood sugar is a little high (prediabetes). Small changes in what you eat and"
                    + " more activity can keep it from turning into diabetes.";
            case HYPERLIPIDEMIA -> health.statinStopped() != null && !day.isBefore(health.statinStopped())
                    ? "Atorvastatin was stopped because of muscle aches. Your cholesterol has gone up again; we will"
                            + " talk about other medicines at your next visit."
                    : "Cholesterol: keep taking atorvastatin at bedtime.";
            case ASTHMA -> "Asthma: use the albuterol inhaler when you wheeze. Call us if you need it more than twice"
                    + " a week.";
            case ANXIETY -> "We talked about what helps with worry: the breathing exercises, a regular bedtime and"
                    + " daily walks. Keep taking sertraline once a day. Next counselling visit in about 3 months.";
            case DEPRESSION -> "Your mood is getting better. Keep taking sertraline once a day. If you ever feel"
                    + " unsafe, call or text 988 at any time.";
            case LOW_BACK_PAIN -> "Low back pain after lifting. Use heat, stay gently active and take ibuprofen with"
                    + " food." + (health.opioid() ? " A few tablets of hydrocodone-acetaminophen (no refills) are for"
                            + " severe pain at night only; do not drive after taking one." : "")
                    + " Most back pain gets better within a few weeks.";
            case ACUTE_BRONCHITIS -> "Cough for several days. Chest X-ray: " + chestXRay + " Most chest colds get"
                    + " better in 1 to 3 weeks. Rest, drink fluids and try honey for the cough. Call us if you are"
                    + " short of breath or the fever lasts more than 3 days.";
            case SORE_THROAT -> "Sore throat from a virus; the strep test was negative, so antibiotics will not help."
                    + " Warm drinks, throat lozenges, and acetaminophen or ibuprofen for pain.";
            case SINUSITIS -> "Sinus infection from a virus; antibiotics are not needed. Use saline rinses and rest."
                    + " Call us if you are not better in 10 days.";
        };
    }

    String progressNote(LocalDateTime start, String clinician, List<DemoProblem> reasons,
            DemoVitals.@Nullable Measured measured, @Nullable String chestXRay) {
        LocalDate day = start.toLocalDate();
        var text = new StringBuilder(600)
                .append("Progress note, ").append(DAY.format(day)).append(", ").append(clinician).append('\n')
                .append("S: Seen for ").append(String.join(", ", reasons.stream()
                        .map(p -> p.display.substring(0, p.display.lastIndexOf(" (")).toLowerCase(Locale.US)).toList()))
                .append(".\n");
        if (measured != null) {
            text.append("O: ");
            if (measured.hasPressure()) {
                text.append("BP ").append(measured.systolic()).append('/').append(measured.diastolic()).append(", ");
            }
            text.append("HR ").append(measured.heartRate()).append(", T ").append(measured.temperature())
                    .append(" C, Wt ").append(measured.weight()).append(" kg, BMI ").append(measured.bmi()).append(".\n");
        }
        text.append("A/P:\n");
        for (DemoProblem reason : reasons) {
            text.append("- ").append(plan(reason, day, measured, chestXRay)).append('\n');
        }
        return text.toString();
    }

    private String plan(DemoProblem problem, LocalDate day, DemoVitals.@Nullable Measured measured,
            @Nullable String chestXRay) {
        return switch (problem) {
            case HYPERTENSION -> measured != null && measured.systolic() >= 140
                    ? "Hypertension, not at goal. Home BP log; adherence reviewed. Continue lisinopril 10 mg daily"
                            + (health.pressureControlled() ? "." : ", amlodipine 5 mg daily.")
                    : "Hypertension, at goal on lisinopril 10 mg daily. Continue.";
            case TYPE_2_DIABETES -> "Type 2 diabetes, A1c " + a1cDirection() + ". Continue metformin 500 mg BID."
                    + " Diet and exercise counselling. Repeat A1c in 3 months; annual eye and foot exams.";
            case PREDIABETES -> "Prediabetes. Lifestyle counselling; A1c yearly.";
            case HYPERLIPIDEMIA -> health.statinStopped() != null && !day.isBefore(health.statinStopped())
                    ? "Hyperlipidemia. Atorvastatin stopped for myalgia; LDL rising. Discuss alternative statin."
                    : "Hyperlipidemia on atorvastatin 40 mg. Continue; lipids at next draw.";
            case ASTHMA -> "Asthma, mild. Albuterol as needed; review inhaler technique.";
            case ANXIETY -> "Generalized anxiety disorder. GAD-7 improved. CBT skills practised. Continue sertraline"
                    + " 50 mg daily" + (health.lorazepam() ? "; lorazepam 0.5 mg PRN, sparingly." : ".");
            case DEPRESSION -> "Depressive disorder. PHQ-9 improved. No suicidal ideation. Continue sertraline 50 mg"
                    + " daily and counselling.";
            case LOW_BACK_PAIN -> "Acute mechanical low back pain, no red flags. Heat, activity, NSAID."
                    + (health.opioid() ? " Hydrocodone-APAP 5/300 #12, no refills; PDMP checked." : "");
            case ACUTE_BRONCHITIS -> "Acute bronchitis. CXR: " + chestXRay + " Supportive care; no antibiotics.";
            case SORE_THROAT -> "Viral pharyngitis, rapid strep negative. Supportive care.";
            case SINUSITIS -> "Viral rhinosinusitis. Saline irrigation; return if symptoms last beyond 10 days.";
        };
    }

    String chestXRayReport(LocalDateTime taken, LocalDate visit, String conclusion, boolean hyperinflation,
            boolean bronchialThickening) {
        String lungs = hyperinflation ? "The lungs are mildly hyperinflated and clear."
                : bronchialThickening ? "Mild peribronchial thickening. No focal consolidation."
                : "The lungs are clear.";
        return "EXAM: XR chest, 2 views (PA and lateral)\n"
                + "DATE: " + DAY.format(taken.toLocalDate()) + "\n"
                + "REASON: Cough and fever, seen in clinic " + DAY.format(visit) + ".\n"
                + "COMPARISON: None.\n"
                + "FINDINGS: " + lungs + " Heart size is normal. No pleural effusion or pneumothorax."
                + " The bones are unremarkable.\n"
                + "IMPRESSION: " + conclusion + "\n"
                + "Read by " + DemoHealth.RADIOLOGIST + ".\n";
    }

    private String a1cDirection() {
        return health.a1cSlope() > 0.05 ? "going up" : health.a1cSlope() < -0.05 ? "coming down" : "steady";
    }
}
