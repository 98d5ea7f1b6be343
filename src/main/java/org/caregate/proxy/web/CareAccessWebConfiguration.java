package org.caregate.proxy.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.caregate.identity.PortalUser;
import org.caregate.proxy.CareAccess;
import org.caregate.proxy.ForPatient;
import org.caregate.proxy.Viewing;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Resolves every {@code @ForPatient Viewing} parameter by asking {@link CareAccess}, so that a
 * handler runs only once the decision allows it, and with the patient the decision names.
 */
@Configuration
@ConditionalOnWebApplication
class CareAccessWebConfiguration implements WebMvcConfigurer {

    private final CareAccess access;

    CareAccessWebConfiguration(CareAccess access) {
        this.access = access;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ViewingResolver(access));
    }

    private record ViewingResolver(CareAccess access) implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.hasParameterAnnotation(ForPatient.class) && parameter.getParameterType() == Viewing.class;
        }

        @Override
        public Viewing resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
            HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (request == null || authentication == null || !(authentication.getPrincipal() instanceof PortalUser user)) {
                throw new IllegalStateException("@ForPatient needs a signed-in person");
            }
            @SuppressWarnings("unchecked")
            Map<String, String> variables = (Map<String, String>) request.getAttribute(
                    HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            String organizationId = variables == null ? null : variables.get("organizationId");
            if (organizationId == null) {
                throw new IllegalStateException("@ForPatient needs an {organizationId} in the path");
            }
            ForPatient page = parameter.getParameterAnnotation(ForPatient.class);
            String pattern = String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
            return access.decide(user, organizationId, List.of(page.value()), page.access(),
                    request.getMethod() + " " + pattern, request.getSession(false));
        }
    }
}
