package org.caregate.organization.internal;

import java.util.HashSet;
import java.util.List;
import org.caregate.organization.Organization;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code caregate.organizations} list and the staff sign-in address, as configured. */
@ConfigurationProperties("caregate")
public record OrganizationSettings(List<Organization> organizations, String staffSignInUrl) {

    public OrganizationSettings {
        if (organizations == null || organizations.isEmpty()) {
            throw new IllegalArgumentException("Configure at least one organisation under caregate.organizations");
        }
        var ids = new HashSet<String>();
        for (Organization organization : organizations) {
            if (!ids.add(organization.id())) {
                throw new IllegalArgumentException("Two organisations share the id " + organization.id());
            }
        }
        organizations = List.copyOf(organizations);
    }
}
