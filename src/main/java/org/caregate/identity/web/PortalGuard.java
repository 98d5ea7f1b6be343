package org.caregate.identity.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.caregate.identity.PortalUser;
import org.caregate.organization.Organizations;
import org.caregate.platform.PublicPaths;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A signed-in patient uses one organisation's portal per session: private pages of another
 * organisation's portal send them to their own home page rather than mixing two portals' branding
 * and support lines.
 */
@Component
@ConditionalOnWebApplication
class PortalGuard implements HandlerInterceptor, WebMvcConfigurer {

    private final Organizations organizations;
    private final List<PathPattern> open;

    PortalGuard(Organizations organizations, List<PublicPaths> publicPaths) {
        this.organizations = organizations;
        this.open = publicPaths.stream().flatMap(p -> p.patterns().stream()).map(PathPatternParser.defaultInstance::parse)
                .toList();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof PortalUser user)
                || user.organizationId() == null) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        PathContainer container = PathContainer.parsePath(path);
        if (open.stream().anyMatch(pattern -> pattern.matches(container))) {
            return true;
        }
        var organization = organizations.forPath(path);
        if (organization.isPresent() && !organization.get().id().equals(user.organizationId())) {
            response.sendRedirect(request.getContextPath() + "/" + user.organizationId() + "/home");
            return false;
        }
        return true;
    }
}
