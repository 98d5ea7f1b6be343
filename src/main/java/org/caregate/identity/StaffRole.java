package org.caregate.identity;

/** What a staff member does; each role opens its own console as later features arrive. */
public enum StaffRole {
    SUPPORT,
    CARE_TEAM,
    SCHEDULER,
    BILLING,
    ADMINISTRATOR;

    /** The Spring Security authority for this role, e.g. {@code ROLE_SUPPORT}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
