package org.caregate.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.StandardMultipartHttpServletRequest;

/**
 * A form with a file that cannot be read (larger than {@code spring.servlet.multipart}'s limits, or
 * malformed) is answered here, before anything asks for its fields: Tomcat then throws from every
 * {@code getParameter}, so the CSRF check, the language switch and even the error page would end in
 * a server error. A browser is sent back to the address with {@code ?too-large} (or
 * {@code ?unreadable}), where the page can say so; a program gets 413 (or 400) as problem JSON.
 */
@Component
@ConditionalOnWebApplication
class UnreadableUploads extends OncePerRequestFilter implements Ordered {

    /** Before the cookie-loop guard (-101) and Spring Security (-100), after the character encoding is set. */
    private static final int ORDER = -102;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType == null || !contentType.toLowerCase().startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            // Reads the parts once; the container keeps them for everything after.
            new StandardMultipartHttpServletRequest(request);
        } catch (MaxUploadSizeExceededException e) {
            refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "too-large",
                    "The upload is larger than this portal accepts.");
            return;
        } catch (MultipartException e) {
            refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, "unreadable",
                    "The upload could not be read as a form.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String marker,
            String detail) throws IOException {
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("text/html")) {
            response.sendRedirect(request.getRequestURI() + "?" + marker);
            return;
        }
        // Written here: the error page would ask the request for its fields and fail again.
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }
}
