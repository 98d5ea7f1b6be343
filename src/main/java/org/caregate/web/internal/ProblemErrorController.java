package org.caregate.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Errors for programs (anything not asking for HTML) as RFC 9457 problem JSON, with the same plain
 * words and reference number the error pages use. Browsers still get the error pages.
 */
@Controller
@ConditionalOnWebApplication
@RequestMapping("${server.error.path:/error}")
class ProblemErrorController extends BasicErrorController {

    ProblemErrorController(ErrorAttributes errorAttributes, WebProperties web,
            List<ErrorViewResolver> errorViewResolvers) {
        super(errorAttributes, web.getError(), errorViewResolvers);
    }

    @Override
    @RequestMapping
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return new ResponseEntity<>(status);
        }
        Map<String, Object> attributes = getErrorAttributes(request, ErrorAttributeOptions.defaults());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail(status));
        problem.put("instance", attributes.get("path"));
        if (attributes.get("reference") != null) {
            problem.put("reference", attributes.get("reference"));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String detail(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "Nothing is at this address.";
            case FORBIDDEN -> "This account may not use this address.";
            case UNAUTHORIZED -> "Sign in first.";
            case METHOD_NOT_ALLOWED -> "This address does not accept that method.";
            default -> status.is5xxServerError()
                    ? "Something went wrong on our side. Give the reference number to support if it keeps happening."
                    : "The request was not right; check it and try again.";
        };
    }
}
