package org.caregate.demo.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.caregate.patient.NewPatient;
import org.caregate.patient.Sex;
import org.jspecify.annotations.Nullable;

/**
 * The story a demo patient's record tells, drawn once so that the problem list, medicines, visits,
 * vital signs and lab results agree: a diabetic's A1c rises and the visit notes say so; a patient
 * whose statin was stopped sees the LDL climb again.
 *
 * @param from the first day of the record (3 to 5 years before the reference day, not before birth)
 * @param to the last day of the record
 * @param onsets when each problem began (short illnesses: the day of the visit)
 * @param a1cStart the A1c (%) at {@code from}
 * @param a1cSlope its change per year
 * @param pressureControlled whether treated high blood pressure is at goal
 * @param statinStopped when a statin was stopped (muscle aches), if it was
 * @param lorazepam whether anxiety is also treated with a controlled benzodiazepine
 * @param opioid whether low back pain was treated with a short controlled opioid course
 * @param adultHeight the height (cm) the patient has or will reach
 * @param bmi the adult body-mass index at {@code from} (children: the one they grow towards)
 * @param bmiDrift the body-mass index's change per year
 * @param clinician who the patient sees
 */
record DemoHealth(LocalDate birth, boolean female, LocalDate from, LocalDate to, Map<DemoProblem, LocalDate> onsets,
        double a1cStart, double a1cSlope, boolean pressureControlled, @Nullable LocalDate statinStopped,
        boolean lorazepam, boolean opioid, double adultHeight, double bmi, double bmiDrift, String clinician) {

    static final List<String> FAMILY_MEDICINE = List.of("Ana Ruiz, MD", "Samuel Okafor, MD", "Mei Lin, DO",
            "Jonas Berg, MD", "Grace Whitfield, NP");
    static final List<String> PEDIATRICS = List.of("Priya Raman, MD", "Tomás Alvarez, MD");
    static final String THERAPIST = "Laura Novak, LICSW";
    static final String RADIOLOGIST = "Peter Hale, MD";

    /** Where the children's curve below ends, at 18. */
    private static final double ADULT_TYPICAL_BMI = 21.1;

    DemoHealth {
        onsets = Collections.unmodifiableMap(new EnumMap<>(onsets));
    }

    static DemoHealth draw(Random random, NewPatient patient) {
        LocalDate birth = patient.dateOfBirth();
        LocalDate reference = DemoPatientGenerator.REFERENCE_DAY;
        boolean female = patient.sex() == Sex.FEMALE || (patient.sex() != Sex.MALE && random.nextBoolean());
        LocalDate to = reference.minusDays(1);
        LocalDate from = reference.minusYears(3 + random.nextInt(3)).minusDays(random.nextInt(90));
        if (from.isBefore(birth.plusDays(3))) {
            from = birth.plusDays(3);
        }
        int age = (int) ChronoUnit.YEARS.between(birth, reference);
        var onsets = new EnumMap<DemoProblem, LocalDate>(DemoProblem.class);
        var draw = new Draw(random, birth, from, to);

        // Long-term problems of adults (and type 2 diabetes from the teens), more common with age.
        if (age >= 18 && draw.chance(byAge(age, 2, 8, 22, 40, 60))) {
            onsets.put(DemoProblem.HYPERTENSION, draw.onset(0.7, 25));
        }
        double a1cStart = 4.9 + random.nextDouble() * 0.6;
        double a1cSlope = 0;
        if (age >= 14 && draw.chance(byAge(age, 0.5, 4, 10, 17, 22))) {
            if (random.nextInt(100) < 65) {
                onsets.put(DemoProblem.TYPE_2_DIABETES, draw.onset(1.0, 25));
                a1cStart = 6.7 + random.nextDouble() * 0.9;
                // Most drift upwards (a trend to talk about at the visit); some come down on treatment.
                a1cSlope = random.nextInt(100) < 60 ? 0.15 + random.nextDouble() * 0.3 : -0.1 - random.nextDouble() * 0.25;
            } else {
                // Prediabetes found earlier; the A1c rises until it crosses 6.5 % and diabetes is diagnosed.
                a1cStart = 5.8 + random.nextDouble() * 0.3;
                a1cSlope = 0.25 + random.nextDouble() * 0.25;
                LocalDate found = draw.onset(1.0, 18);
                onsets.put(DemoProblem.PREDIABETES, found.isAfter(from) ? from : found);
                LocalDate diagnosed = from.plusDays(Math.round((6.5 - a1cStart) / a1cSlope * 365.25));
                if (diagnosed.isBefore(to.minusDays(30))) {
                    onsets.put(DemoProblem.TYPE_2_DIABETES, diagnosed);
                }
            }
        } else if (age >= 35 && draw.chance(14)) {
            onsets.put(DemoProblem.PREDIABETES, draw.onset(0.6, 30));
            a1cStart = 5.7 + random.nextDouble() * 0.4;
            a1cSlope = random.nextDouble() * 0.1;
        }
        double lipids = byAge(age, 2, 10, 25, 40, 50) + (onsets.containsKey(DemoProblem.TYPE_2_DIABETES) ? 20 : 0);
        LocalDate statinStopped = null;
        if (age >= 18 && draw.chance(lipids)) {
            LocalDate onset = draw.onset(0.6, 25);
            onsets.put(DemoProblem.HYPERLIPIDEMIA, onset);
            if (random.nextInt(100) < 15) {
                LocalDate start = onset.isAfter(from) ? onset : from;
                statinStopped = start.plusDays(60 + random.nextInt((int) Math.max(61, ChronoUnit.DAYS.between(start, to) / 2)));
                statinStopped = statinStopped.isAfter(to.minusDays(60)) ? null : statinStopped;
            }
        }
        if (age >= 3 && draw.chance(9)) {
            onsets.put(DemoProblem.ASTHMA, draw.onset(0.8, 2));
        }
        boolean lorazepam = false;
        if (age >= 13 && draw.chance(11)) {
            boolean anxiety = random.nextBoolean();
            onsets.put(anxiety ? DemoProblem.ANXIETY : DemoProblem.DEPRESSION, draw.onset(0.5, 12));
            lorazepam = anxiety && random.nextInt(100) < 35;
        }
        boolean opioid = false;
        if (age >= 25 && draw.chance(15)) {
            onsets.put(DemoProblem.LOW_BACK_PAIN, draw.inWindow());
            opioid = random.nextInt(100) < 55;
        }
        onsets.put(DemoProblem.ACUTE_BRONCHITIS, draw.inWindow());

        double adultHeight = (female ? 162 : 176) + random.nextGaussian() * 7;
        boolean diabetic = onsets.containsKey(DemoProblem.TYPE_2_DIABETES);
        double bmi = age < 18 ? ADULT_TYPICAL_BMI * (0.88 + random.nextDouble() * 0.35)
                : diabetic ? 28 + random.nextDouble() * 10 : 20 + random.nextDouble() * 14;
        double bmiDrift = age < 18 ? 0 : random.nextGaussian() * 0.4;
        List<String> clinicians = age < 18 ? PEDIATRICS : FAMILY_MEDICINE;
        String clinician = clinicians.get(random.nextInt(clinicians.size()));
        boolean controlled = random.nextInt(100) < 75;
        return new DemoHealth(birth, female, from, to, onsets, a1cStart, a1cSlope, controlled, statinStopped,
                lorazepam, opioid, adultHeight, bmi, bmiDrift, clinician);
    }

    /** A percentage by age band: under 30, 30–39, 40–49, 50–64, 65 and over. */
    private static double byAge(int age, double under30, double thirties, double forties, double fifties, double older) {
        return age < 30 ? under30 : age < 40 ? thirties : age < 50 ? forties : age < 65 ? fifties : older;
    }

    /** Draws from the patient's random source. */
    private record Draw(Random random, LocalDate birth, LocalDate from, LocalDate to) {

        boolean chance(double percent) {
            return random.nextInt(1000) < percent * 10;
        }

        /** Before the record starts (with probability {@code before}, not younger than {@code minAge}), or within it. */
        LocalDate onset(double before, int minAge) {
            if (random.nextDouble() < before) {
                LocalDate earliest = birth.plusYears(minAge);
                long span = ChronoUnit.DAYS.between(earliest, from);
                if (span > 30) {
                    return from.minusDays(1 + random.nextInt((int) Math.min(span, 365L * 8)));
                }
            }
            return inWindow();
        }

        LocalDate inWindow() {
            return from.plusDays(random.nextInt((int) Math.max(1, ChronoUnit.DAYS.between(from, to))));
        }
    }

    boolean has(DemoProblem problem, LocalDate day) {
        LocalDate onset = onsets.get(problem);
        return onset != null && !onset.isAfter(day);
    }

    /** Whether blood tests are drawn several times a year (the problems that are followed with them). */
    boolean followedWithLabs() {
        return onsets.containsKey(DemoProblem.HYPERTENSION) || onsets.containsKey(DemoProblem.TYPE_2_DIABETES)
                || onsets.containsKey(DemoProblem.PREDIABETES) || onsets.containsKey(DemoProblem.HYPERLIPIDEMIA);
    }

    /** A day within the record. */
    LocalDate dayWithin(Random random) {
        return from.plusDays(random.nextInt((int) Math.max(1, ChronoUnit.DAYS.between(from, to))));
    }

    double ageAt(LocalDate day) {
        return ChronoUnit.DAYS.between(birth, day) / 365.25;
    }

    double a1cAt(LocalDate day) {
        double value = a1cStart + a1cSlope * ChronoUnit.DAYS.between(from, day) / 365.25;
        return has(DemoProblem.TYPE_2_DIABETES, day) ? Math.max(6.1, value) : Math.max(4.6, value);
    }

    /** Whether a statin lowers the LDL on that day. */
    boolean onStatin(LocalDate day) {
        return has(DemoProblem.HYPERLIPIDEMIA, day) && (statinStopped == null || day.isBefore(statinStopped));
    }

    /** Height in cm: a growth curve scaled to the adult height. */
    double heightAt(LocalDate day) {
        double age = ageAt(day);
        double typical = age < 1 ? 50 + 25 * age
                : age < 2 ? 75 + 12 * (age - 1)
                : age < 13 ? 87 + 6 * (age - 2)
                : age < 18 ? 153 + (female ? 2 : 4.6) * (age - 13)
                : female ? 163 : 176;
        return typical * adultHeight / (female ? 163 : 176);
    }

    double bmiAt(LocalDate day) {
        double age = ageAt(day);
        if (age >= 18) {
            return bmi + bmiDrift * ChronoUnit.DAYS.between(from, day) / 365.25;
        }
        double typical = age < 1 ? 13.5 + 4 * age : age < 5 ? 17.5 - 0.4 * (age - 1) : 15.9 + 0.4 * (age - 5);
        return typical * bmi / ADULT_TYPICAL_BMI;
    }

    double weightAt(LocalDate day) {
        double metres = heightAt(day) / 100;
        return bmiAt(day) * metres * metres;
    }
}
