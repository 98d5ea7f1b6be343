package org.caregate.proxy.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.caregate.proxy.CareAccess;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.view.RedirectView;

/**
 * What a page answers when the decision refuses it. Someone signed in at another organisation's
 * portal goes to the same page there. No record here: "not found", with what to do. A caregiver on a page their grant
 * does not cover, or whose grant has just ended: 403 with a page that names no patient and says what
 * to do, and nothing of the patient's data.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CareAccessAdvice {

    @ExceptionHandler(CareAccess.OtherPortal.class)
    RedirectView otherPortal(CareAccess.OtherPortal other, HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        int second = path.indexOf('/', 1);
        RedirectView redirect = new RedirectView("/" + other.organizationId() + (second < 0 ? "" : path.substring(second)), true);
        redirect.setExposeModelAttributes(false);
        return redirect;
    }

    /** Someone with no record here and nobody to help (yet): say so, and where an invitation code goes. */
    @ExceptionHandler(CareAccess.NoRecord.class)
    String noRecord(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "proxy/no-record";
    }

    @ExceptionHandler(CareAccess.NotAllowed.class)
    String notAllowed(CareAccess.NotAllowed refused, HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute("stillViewing", refused.viewing() != null);
        return "proxy/not-allowed";
    }
}
