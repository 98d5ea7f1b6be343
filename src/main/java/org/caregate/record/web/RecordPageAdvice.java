package org.caregate.record.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.caregate.record.internal.RecordAccess;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.view.RedirectView;

/**
 * What the record pages answer when the address is not for this person: someone signed in at
 * another organisation's portal is taken to the same page there; anything else is "not found",
 * which says nothing about whether the item exists for someone else.
 */
@ControllerAdvice(basePackageClasses = RecordPageAdvice.class)
class RecordPageAdvice {

    @ExceptionHandler(RecordAccess.OtherPortal.class)
    RedirectView otherPortal(RecordAccess.OtherPortal other, HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        int second = path.indexOf('/', 1);
        RedirectView redirect = new RedirectView("/" + other.organizationId() + (second < 0 ? "" : path.substring(second)), true);
        redirect.setExposeModelAttributes(false);
        return redirect;
    }

    @ExceptionHandler({RecordAccess.NoRecord.class, NotFound.class, MethodArgumentTypeMismatchException.class})
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpStatus.NOT_FOUND.value());
    }

    /** Nothing of this person's at that address. */
    static final class NotFound extends RuntimeException {
        NotFound() {
            super(null, null, false, false);
        }
    }
}
