package org.caregate.identity.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.caregate.identity.AccountKind;
import org.caregate.identity.PortalUser;
import org.caregate.identity.StaffRole;
import org.caregate.identity.internal.Devices;
import org.caregate.identity.internal.SignInSettings;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Starts a signed-in session: a new session id (so an id planted before sign-in is worthless), the
 * person in it, and the browser's long-lived device cookie.
 */
@Component
@ConditionalOnWebApplication
class SessionStart {

    static final String DEVICE_COOKIE = Devices.COOKIE;

    private final SecurityContextRepository contexts;
    private final SignInSettings settings;
    private final SecureRandom random = new SecureRandom();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    SessionStart(SecurityContextRepository contexts, SignInSettings settings) {
        this.contexts = contexts;
        this.settings = settings;
    }

    void begin(PortalUser user, HttpServletRequest request, HttpServletResponse response) {
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            request.changeSessionId();
        } else {
            request.getSession(true);
        }
        List<SimpleGrantedAuthority> authorities = new ArrayList<>();
        if (user.kind() == AccountKind.STAFF) {
            authorities.add(new SimpleGrantedAuthority("ROLE_STAFF"));
            user.roles().stream().map(StaffRole::authority).map(SimpleGrantedAuthority::new).forEach(authorities::add);
        } else {
            authorities.add(new SimpleGrantedAuthority("ROLE_PATIENT"));
        }
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
        holder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    /** The browser's device token: the one its cookie holds, or a new one set now. */
    String deviceToken(HttpServletRequest request, HttpServletResponse response) {
        String token = Devices.tokenOf(request);
        if (token == null) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        Cookie cookie = new Cookie(DEVICE_COOKIE, token);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath("/");
        cookie.setMaxAge((int) settings.deviceCookieLifetime().toSeconds());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        return token;
    }

}
