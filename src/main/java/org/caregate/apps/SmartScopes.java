package org.caregate.apps;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * SMART App Launch scopes for patient data: v1 {@code patient/Observation.read} (read and search)
 * and {@code patient/*.read}; v2 {@code patient/Observation.rs}, where {@code r} is read by id and
 * {@code s} is search, and {@code patient/*.rs}. Write permissions are never granted here.
 */
public final class SmartScopes {

    /** The resource types the FHIR API serves, in the order the consent page lists them. */
    public static final List<String> RESOURCE_TYPES = List.of("Patient", "Observation", "DiagnosticReport", "Condition",
            "AllergyIntolerance", "MedicationRequest", "Immunization", "Encounter", "Procedure", "DocumentReference",
            "Appointment");

    /** Scopes about the sign-in and the launch rather than data. */
    public static final List<String> LAUNCH_SCOPES = List.of("openid", "fhirUser", "launch/patient", "offline_access",
            "online_access");

    private SmartScopes() {}

    /**
     * Every scope an app that reads a patient's record may ask for: the launch scopes, and read and
     * search of each resource type, v1 and v2, by name and with {@code *}.
     */
    public static Set<String> patientReadScopes() {
        Set<String> scopes = new LinkedHashSet<>(LAUNCH_SCOPES);
        for (String type : concat("*", RESOURCE_TYPES)) {
            for (String rights : List.of("read", "rs", "r", "s")) {
                scopes.add("patient/" + type + "." + rights);
            }
        }
        return scopes;
    }

    /**
     * The scopes an app asked for, with {@code patient/*} spelled out per resource type and write
     * rights left out (never granted), so that the person can untick a kind of data and the token
     * then names exactly what was approved.
     */
    public static Set<String> expand(Collection<String> requested) {
        Set<String> expanded = new LinkedHashSet<>();
        for (String scope : requested) {
            int dot = scope.indexOf('.');
            if (!scope.startsWith("patient/") || dot < 0 || scope.indexOf('?') >= 0) {
                expanded.add(scope);
                continue;
            }
            String type = scope.substring("patient/".length(), dot);
            String rights = readRights(scope.substring(dot + 1));
            if (rights == null) {
                continue;
            }
            for (String each : type.equals("*") ? RESOURCE_TYPES : List.of(type)) {
                expanded.add("patient/" + each + "." + rights);
            }
        }
        return expanded;
    }

    /** The resource type a patient scope is about, or {@code null} for another kind of scope. */
    public static @Nullable String typeOf(String scope) {
        int dot = scope.indexOf('.');
        return !scope.startsWith("patient/") || dot < 0 ? null : scope.substring("patient/".length(), dot);
    }

    /** v1 read (and {@code *}) stays read; v2 keeps its r and s; nothing left means no read right at all. */
    private static @Nullable String readRights(String rights) {
        if (rights.equals("read") || rights.equals("*")) {
            return "read";
        }
        if (!v2(rights)) {
            return null;
        }
        String kept = (rights.indexOf('r') >= 0 ? "r" : "") + (rights.indexOf('s') >= 0 ? "s" : "");
        return kept.isEmpty() ? null : kept;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /**
     * Whether the scopes allow a permission on a resource type.
     *
     * @param permission {@code 'r'} (read by id) or {@code 's'} (search)
     */
    public static boolean allows(Collection<String> scopes, String resourceType, char permission) {
        for (String scope : scopes) {
            if (!scope.startsWith("patient/")) {
                continue;
            }
            int dot = scope.indexOf('.');
            if (dot < 0) {
                continue;
            }
            String type = scope.substring("patient/".length(), dot);
            String rights = scope.substring(dot + 1);
            int query = rights.indexOf('?');
            if (query >= 0) {
                // Granular v2 scopes (patient/Observation.rs?category=...) are not granted.
                continue;
            }
            if (!type.equals("*") && !type.equals(resourceType)) {
                continue;
            }
            if (rights.equals("read") || rights.equals("*")) {
                return true;
            }
            if (v2(rights) && rights.indexOf(permission) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** A v2 permission string: some of c, r, u, d, s, in that order. */
    static boolean v2(String rights) {
        return !rights.isEmpty() && rights.matches("c?r?u?d?s?");
    }
}
