package org.caregate.organization;

import java.util.List;
import java.util.Optional;

/** The organisations of this deployment, in the order the operator configured them. */
public interface Organizations {

    List<Organization> all();

    Optional<Organization> find(String id);

    /** The organisation with this id, or {@link UnknownOrganization}. */
    default Organization get(String id) {
        return find(id).orElseThrow(() -> new UnknownOrganization(id));
    }

    /** The organisation whose pages a request path belongs to ({@code /clinic/…}), if any. */
    default Optional<Organization> forPath(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return find(slash < 0 ? trimmed : trimmed.substring(0, slash));
    }

    /** Where staff sign in; patients who land there are sent back. */
    String staffSignInUrl();
}
