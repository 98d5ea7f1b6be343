package org.caregate.demo.internal;

/**
 * The health problems a demo record can hold, with their SNOMED CT codes. Long-term ones go on the
 * problem list; short illnesses are recorded as the diagnosis of the visit that treated them.
 * Mental-health problems are marked restricted, so a caregiver does not see them.
 */
enum DemoProblem {

    HYPERTENSION("38341003", "Hypertensive disorder, systemic arterial (disorder)", "High blood pressure", true),
    TYPE_2_DIABETES("44054006", "Diabetes mellitus type 2 (disorder)", "Type 2 diabetes", true),
    PREDIABETES("15777000", "Prediabetes (finding)", "Prediabetes", true),
    HYPERLIPIDEMIA("55822004", "Hyperlipidemia (disorder)", "High cholesterol", true),
    ASTHMA("195967001", "Asthma (disorder)", "Asthma", true),
    ANXIETY("21897009", "Generalized anxiety disorder (disorder)", "Anxiety", true),
    DEPRESSION("35489007", "Depressive disorder (disorder)", "Depression", true),
    LOW_BACK_PAIN("279039007", "Low back pain (finding)", "Low back pain", false),
    ACUTE_BRONCHITIS("10509002", "Acute bronchitis (disorder)", "Chest cold (acute bronchitis)", false),
    SORE_THROAT("195662009", "Acute viral pharyngitis (disorder)", "Sore throat (viral)", false),
    SINUSITIS("444814009", "Viral sinusitis (disorder)", "Sinus infection (viral)", false);

    final String code;
    final String display;
    final String text;
    final boolean longTerm;

    DemoProblem(String code, String display, String text, boolean longTerm) {
        this.code = code;
        this.display = display;
        this.text = text;
        this.longTerm = longTerm;
    }

    /** Mental health: hidden from caregivers (confidentiality "restricted"). */
    boolean restricted() {
        return this == ANXIETY || this == DEPRESSION;
    }
}
