package org.caregate.apps;

import java.util.Collection;

/**
 * SMART App Launch scopes for patient data: v1 {@code patient/Observation.read} (read and search)
 * and {@code patient/*.read}; v2 {@code patient/Observation.rs}, where {@code r} is read by id and
 * {@code s} is search, and {@code patient/*.rs}. Write permissions are never granted here.
 */
public final class SmartScopes {

    private SmartScopes() {}

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
