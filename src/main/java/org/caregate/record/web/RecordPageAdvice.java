package org.caregate.record.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What the record pages answer when an item is not this patient's: "not found", which says nothing
 * about whether it exists for someone else. (Pages not for this person at all are answered by
 * {@code proxy}'s decision before the page runs.)
 */
@ControllerAdvice(basePackageClasses = RecordPageAdvice.class)
class RecordPageAdvice {

    @ExceptionHandler({NotFound.class, MethodArgumentTypeMismatchException.class})
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
