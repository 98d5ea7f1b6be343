package org.caregate.apps.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.caregate.apps.internal.Authorizations.ConsentDecision;
import org.caregate.identity.PortalUser;
import org.caregate.patient.PatientId;
import org.caregate.proxy.CareAccess;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The checks around a person's approval: the app must name this portal's FHIR API as its audience
 * ({@code aud}, as SMART requires); and the record the person approves for must be their own, or
 * that of a patient they help with full access, decided by {@link CareAccess} when they press
 * "Allow".
 */
@Component
class ConsentDecisions {

    private final CareAccess careAccess;

    ConsentDecisions(CareAccess careAccess) {
        this.careAccess = careAccess;
    }

    /**
     * The redirect URI must be one the app registered, character for character (no other port on
     * a loopback address, no added path or query); otherwise the request is refused here and the
     * browser is not sent anywhere.
     */
    static void exactRedirect(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        var request = (org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken) context.getAuthentication();
        String given = request.getRedirectUri();
        var registered = context.getRegisteredClient().getRedirectUris();
        boolean ok = given == null ? registered.size() == 1 : registered.contains(given);
        if (!ok) {
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                    "redirect_uri is not one this app registered", null), null);
        }
    }

    /** An authorisation request must be for this portal's FHIR API. */
    void validateRequest(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        var request = (org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken) context.getAuthentication();
        Object audience = request.getAdditionalParameters().get("aud");
        String expected = fhirBase();
        if (!(audience instanceof String aud) || !stripSlash(aud).equals(expected)) {
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                    "aud must be this server's FHIR base URL: " + expected, null), request);
        }
    }

    /** The person pressed "Allow": fixes whose record the approval is for. */
    void decide(OAuth2AuthorizationConsentAuthenticationContext context) {
        OAuth2AuthorizationConsentAuthenticationToken consent = context.getAuthentication();
        if (!(consent.getPrincipal() instanceof Authentication person)
                || !(person.getPrincipal() instanceof PortalUser user) || user.organizationId() == null) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.ACCESS_DENIED);
        }
        PatientId patient = chosen(consent.getAdditionalParameters().get("patient"), user);
        try {
            careAccess.forApp(user, user.organizationId(), patient);
        } catch (CareAccess.NotAllowed e) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED,
                    "You cannot share this record with an app.", null));
        }
        RequestContextHolder.currentRequestAttributes().setAttribute(ConsentDecision.ATTRIBUTE,
                new ConsentDecision(patient, user.organizationId(), user.accountId()), RequestAttributes.SCOPE_REQUEST);
    }

    private static PatientId chosen(@Nullable Object given, PortalUser user) {
        Object value = given instanceof String[] values && values.length > 0 ? values[0] : given;
        if (value instanceof String text && !text.isBlank()) {
            try {
                return new PatientId(UUID.fromString(text));
            } catch (IllegalArgumentException e) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
            }
        }
        if (user.patientId() == null) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
        }
        return user.patientId();
    }

    /** This portal's FHIR base URL, as the request reached it. */
    static String fhirBase() {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        return ServletUriComponentsBuilder.fromContextPath(request).path("/fhir").build().toUriString();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
