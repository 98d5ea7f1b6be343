package org.caregate.organization;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** An address or record named an organisation this deployment does not have. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownOrganization extends RuntimeException {

    public UnknownOrganization(String id) {
        super("No organisation with id " + id);
    }
}
