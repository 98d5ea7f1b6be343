package org.caregate.apps.web;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.caregate.apps.SmartScopes;

/**
 * The kinds of data a person is asked about on the consent page and sees on the Connected apps
 * page, in plain words ({@code apps.kind.*}), and the FHIR resource types each covers.
 */
enum DataKind {
    ABOUT(List.of("Patient")),
    RESULTS(List.of("Observation", "DiagnosticReport")),
    CONDITIONS(List.of("Condition")),
    ALLERGIES(List.of("AllergyIntolerance")),
    MEDICATIONS(List.of("MedicationRequest")),
    IMMUNIZATIONS(List.of("Immunization")),
    VISITS(List.of("Encounter", "Procedure")),
    DOCUMENTS(List.of("DocumentReference")),
    APPOINTMENTS(List.of("Appointment"));

    private final List<String> types;

    DataKind(List<String> types) {
        this.types = types;
    }

    List<String> types() {
        return types;
    }

    /** Its words are {@code apps.kind.<key>}; the consent page's checkbox is {@code kind-<key>}. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a scope names a resource type of this kind ({@code patient/Observation.rs}: results). */
    boolean covers(String scope) {
        String type = SmartScopes.typeOf(scope);
        return type != null && types.contains(type);
    }

    /**
     * The kinds of data some scopes reach, in the order pages list them; a {@code patient/*} scope
     * (never stored by this portal, which spells it out per type, but possible) reaches them all.
     */
    static List<DataKind> in(Collection<String> scopes) {
        if (scopes.stream().anyMatch(scope -> "*".equals(SmartScopes.typeOf(scope)))) {
            return List.of(values());
        }
        return Arrays.stream(values()).filter(kind -> scopes.stream().anyMatch(kind::covers)).toList();
    }
}
