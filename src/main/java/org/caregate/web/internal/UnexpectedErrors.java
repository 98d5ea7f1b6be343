package org.caregate.web.internal;

import org.caregate.platform.ErrorReference;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * The last resort for exceptions no other resolver handled: log it with a reference number and
 * without its message, then show the 500 page. Left unresolved, the servlet container would log
 * the exception message, which may quote health data.
 */
@Component
class UnexpectedErrors implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedErrors.class);

    @Override
    public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
            @Nullable Object handler, Exception error) {
        if (response.isCommitted()) {
            return null;
        }
        // Refusals by the security rules (method security included) are not failures: the security
        // filters answer them with "sign in" or "not allowed".
        if (error instanceof AccessDeniedException || error instanceof AuthenticationException) {
            return null;
        }
        String reference = ErrorReference.next();
        request.setAttribute(ErrorReference.REQUEST_ATTRIBUTE, reference);
        log.error("Server error {} on {} {}", reference, request.getMethod(), request.getRequestURI(),
                ErrorReference.withoutMessages(error));
        try {
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        } catch (IOException e) {
            return null;
        }
        return new ModelAndView();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
