package org.caregate.identity;

/**
 * A staff console that a module serves, declared as a bean: the staff home page lists it for staff
 * who hold its role. The listing is only a signpost; the console checks the role itself.
 *
 * @param path where it opens, e.g. {@code /staff/record/import}
 * @param nameKey the message key of its name, the link's text
 * @param hintKey the message key of one plain sentence on what it is for
 * @param role the role it is for
 */
public record StaffConsole(String path, String nameKey, String hintKey, StaffRole role) {}
