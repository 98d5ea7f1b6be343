package org.caregate.organization.internal;

import java.util.List;
import java.util.Optional;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.springframework.stereotype.Component;

@Component
class ConfiguredOrganizations implements Organizations {

    private final OrganizationSettings settings;

    ConfiguredOrganizations(OrganizationSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<Organization> all() {
        return settings.organizations();
    }

    @Override
    public Optional<Organization> find(String id) {
        return settings.organizations().stream().filter(o -> o.id().equals(id)).findFirst();
    }

    @Override
    public String staffSignInUrl() {
        return settings.staffSignInUrl();
    }
}
