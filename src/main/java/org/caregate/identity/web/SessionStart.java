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
import java.util.Optional;
import org.caregate.identity.AccountId;
import org.caregate.identity.AfterSignIn;
import org.caregate.identity.Account;
import org.caregate.identity.SignInSteps;
import org.caregate.identity.SignedIn;
import org.caregate.identity.internal.PasswordSignIn;
import org.caregate.identity.internal.Accounts;
import org.caregate.identity.internal.PendingSignIn;
import org.caregate.identity.AfterPassword;
import org.caregate.identity.SignInMethod;
import org.caregate.organization.Organizations;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;
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
 * person in it, and the browser's long-lived device cookie. When the password is not the last step
 * ({@link AfterPassword}), the session first holds a {@link PendingSignIn} with the one right to
 * take the steps, and {@link #complete} opens the portal after them.
 */
@Component
@ConditionalOnWebApplication
class SessionStart implements SignInSteps {

    static final String DEVICE_COOKIE = Devices.COOKIE;

    private final SecurityContextRepository contexts;
    private final SignInSettings settings;
    private final PasswordSignIn signIn;
    private final Accounts accounts;
    private final PatientRegistry registry;
    private final ObjectProvider<AfterPassword> afterPassword;
    private final Organizations organizations;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    SessionStart(SecurityContextRepository contexts, SignInSettings settings, PasswordSignIn signIn, Accounts accounts,
            PatientRegistry registry, ObjectProvider<AfterPassword> afterPassword, Organizations organizations,
            ApplicationEventPublisher events, Clock clock) {
        this.organizations = organizations;
        this.contexts = contexts;
        this.settings = settings;
        this.signIn = signIn;
        this.accounts = accounts;
        this.registry = registry;
        this.afterPassword = afterPassword;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Optional<String> start(AccountId accountId, @Nullable String organizationId, SignInMethod method,
            HttpServletRequest request, HttpServletResponse response) {
        Account account = accounts.find(accountId).orElseThrow(() -> new IllegalArgumentException("No such account"));
        if (account.isStaff() != (organizationId == null)) {
            return Optional.empty();
        }
        if (organizationId == null || signIn.organizationsOf(account).contains(organizationId)) {
            return Optional.of(start(account, organizationId, null, method, request, response));
        }
        // As with a password: another organisation's page signs the patient in to their own portal.
        return Optional.of(start(account, account.homeOrganizationId(), organizations.get(organizationId).name(), method,
                request, response));
    }

    /**
     * Opens the portal, or starts the steps that must come first ({@link AfterPassword}); returns
     * where the browser goes next.
     *
     * @param organizationId the portal the person signs in to; {@code null} for staff
     * @param movedFrom the name of the organisation whose page was used, when it is not theirs
     */
    String start(Account account, @Nullable String organizationId, @Nullable String movedFrom, SignInMethod method,
            HttpServletRequest request, HttpServletResponse response) {
        String givenNames = account.patientId() == null ? account.username()
                : registry.find(account.patientId()).map(Patient::givenNames).orElse(account.username());
        PortalUser user = new PortalUser(account.id(), account.kind(), organizationId, account.patientId(), givenNames,
                account.roles(), method, clock.instant());
        String home = organizationId == null ? "/staff" : "/" + organizationId + "/home";
        Optional<String> step = afterPassword.orderedStream().map(decider -> decider.nextStep(user, request))
                .flatMap(Optional::stream).findFirst();
        if (step.isPresent()) {
            beginSteps(new PendingSignIn(user, step.get(), home, movedFrom, request.getHeader("User-Agent")), request,
                    response);
            return step.get();
        }
        open(account, user, request, response);
        if (movedFrom != null) {
            RequestContextUtils.getOutputFlashMap(request).put("movedFrom", movedFrom);
        }
        return organizationId == null ? home : AfterSignIn.destination(request, home);
    }

    /** Opens the portal for someone who needs no further step. */
    void open(Account account, PortalUser user, HttpServletRequest request, HttpServletResponse response) {
        begin(user, request, response);
        recordSignIn(account.id(), user, request.getHeader("User-Agent"), request, response);
    }

    /** Keeps a right password in a new session with only the right to take {@code pending.step()}. */
    void beginSteps(PendingSignIn pending, HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = renewedSession(request);
        session.setAttribute(PendingSignIn.ATTRIBUTE, pending);
        authenticate(pending.user(), List.of(new SimpleGrantedAuthority("ROLE_" + PendingSignIn.ROLE)), request, response);
    }

    @Override
    public Optional<PortalUser> pending(HttpServletRequest request) {
        return pendingSignIn(request).map(PendingSignIn::user);
    }

    @Override
    public void moveTo(HttpServletRequest request, String step) {
        PendingSignIn pending = pendingSignIn(request).orElseThrow(() -> new IllegalStateException("No sign-in under way"));
        request.getSession().setAttribute(PendingSignIn.ATTRIBUTE, pending.withStep(step));
    }

    @Override
    public String complete(HttpServletRequest request, HttpServletResponse response) {
        PendingSignIn pending = pendingSignIn(request).orElseThrow(() -> new IllegalStateException("No sign-in under way"));
        request.getSession().removeAttribute(PendingSignIn.ATTRIBUTE);
        begin(pending.user(), request, response);
        recordSignIn(pending.user().accountId(), pending.user(), pending.userAgent(), request, response);
        if (pending.movedFrom() != null) {
            FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
            flash.put("movedFrom", pending.movedFrom());
        }
        return pending.user().organizationId() == null ? pending.home() : AfterSignIn.destination(request, pending.home());
    }

    private static Optional<PendingSignIn> pendingSignIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(PendingSignIn.ATTRIBUTE) instanceof PendingSignIn pending
                ? Optional.of(pending) : Optional.empty();
    }

    private void recordSignIn(AccountId accountId, PortalUser user, @Nullable String userAgent, HttpServletRequest request,
            HttpServletResponse response) {
        String device = deviceToken(request, response);
        boolean newDevice = signIn.rememberDevice(accountId, device);
        events.publishEvent(new SignedIn(accountId, user.organizationId(), user.method(), user.signedInAt(), newDevice,
                userAgent));
    }

    void begin(PortalUser user, HttpServletRequest request, HttpServletResponse response) {
        renewedSession(request);
        List<SimpleGrantedAuthority> authorities = new ArrayList<>();
        if (user.kind() == AccountKind.STAFF) {
            authorities.add(new SimpleGrantedAuthority("ROLE_STAFF"));
            user.roles().stream().map(StaffRole::authority).map(SimpleGrantedAuthority::new).forEach(authorities::add);
        } else {
            authorities.add(new SimpleGrantedAuthority("ROLE_PATIENT"));
        }
        authenticate(user, authorities, request, response);
    }

    private static HttpSession renewedSession(HttpServletRequest request) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
            return request.getSession();
        }
        return request.getSession(true);
    }

    private void authenticate(PortalUser user, List<SimpleGrantedAuthority> authorities, HttpServletRequest request,
            HttpServletResponse response) {
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
