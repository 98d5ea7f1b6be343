package org.caregate.proxy.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.caregate.identity.AccountKind;
import org.caregate.identity.PortalUser;
import org.caregate.proxy.CareAccess;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.view.RedirectView;

/**
 * What a page answers when the decision refuses it. Someone signed in at another organisation's
 * portal goes to the same page there. No record here: "not found" (a caregiver left with nobody to
 * help: their sharing page). A caregiver on a page their grant
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

    /**
     * No record here: "not found", with what to do (an invitation code); except that a caregiver
     * without a record of their own, whose grants have all ended, goes to their sharing page
     * ("People you help"), which says so.
     */
    @ExceptionHandler(CareAccess.NoRecord.class)
    Object noRecord(HttpServletRequest request, HttpServletResponse response) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof PortalUser user
                && user.kind() == AccountKind.PATIENT && user.patientId() == null && user.organizationId() != null
                && "GET".equals(request.getMethod())) {
            RedirectView redirect = new RedirectView("/" + user.organizationId() + "/sharing", true);
            redirect.setExposeModelAttributes(false);
            return redirect;
        }
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
