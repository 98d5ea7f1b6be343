package org.caregate.mfa.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.caregate.identity.PortalUser;
import org.caregate.identity.SecurityNotices;
import org.caregate.mfa.AuthenticatorApps;
import org.caregate.mfa.RecoveryCodes;
import org.caregate.mfa.internal.FullChecks;
import org.caregate.mfa.internal.Factors;
import org.caregate.mfa.internal.MfaSettings;
import org.caregate.mfa.internal.PasskeySettings;
import org.caregate.mfa.internal.Passkeys;
import org.caregate.mfa.internal.RememberedDevices;
import org.caregate.mfa.internal.SecondFactorPolicy;
import org.caregate.mfa.internal.Sent;
import org.caregate.mfa.internal.TextCodes;
import org.caregate.mfa.internal.TextCodes.Purpose;
import org.caregate.organization.Organizations;
import org.caregate.patient.InvalidPhoneNumber;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Account settings for the second step: what is set up, new recovery codes, removing the
 * authenticator app. Every change needs a second-factor check within the last 10 minutes (the one at
 * sign-in counts), made again on the check page when it is older, and tells every contact on file.
 */
@Controller
@ConditionalOnWebApplication
class SecondFactorSettingsController {

    private static final int MAX_CODE = 40;
    private static final String NEW_PHONE = "caregate.mfa.newPhone";

    private final StepFlow flow;
    private final Factors factors;
    private final AuthenticatorApps apps;
    private final RecoveryCodes recoveryCodes;
    private final TextCodes texts;
    private final SecondFactorPolicy policy;
    private final SecurityNotices notices;
    private final Organizations organizations;
    private final RememberedDevices remembered;
    private final MfaSettings settings;
    private final PhoneCallController phoneCalls;
    private final Passkeys passkeys;
    private final PasskeySettings passkeySettings;

    /** A remembered browser as the page lists it. */
    record Browser(UUID id, String description, String until) {}

    /** A passkey as the page lists it; {@code lastUsed} is {@code null} before its first sign-in. */
    record PasskeyRow(UUID id, String name, String added, @Nullable String lastUsed, boolean flagged) {}

    SecondFactorSettingsController(StepFlow flow, Factors factors, AuthenticatorApps apps, RecoveryCodes recoveryCodes,
            TextCodes texts, SecondFactorPolicy policy, SecurityNotices notices, Organizations organizations,
            RememberedDevices remembered, MfaSettings settings, PhoneCallController phoneCalls, Passkeys passkeys,
            PasskeySettings passkeySettings) {
        this.passkeySettings = passkeySettings;
        this.passkeys = passkeys;
        this.phoneCalls = phoneCalls;
        this.remembered = remembered;
        this.settings = settings;
        this.flow = flow;
        this.factors = factors;
        this.apps = apps;
        this.recoveryCodes = recoveryCodes;
        this.texts = texts;
        this.policy = policy;
        this.notices = notices;
        this.organizations = organizations;
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor")
    String overview(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user, Model model,
            Locale locale, HttpServletRequest request) {
        model.addAttribute("phone", factors.phone(user.accountId()).map(PhoneNumber::display).orElse(null));
        model.addAttribute("texts", factors.phone(user.accountId()).filter(PhoneNumber::canReceiveTexts).isPresent());
        model.addAttribute("app", apps.isEnrolled(user.accountId()));
        model.addAttribute("recoveryCodesLeft", recoveryCodes.remaining(user.accountId()));
        DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
                .withZone(settings.zone());
        model.addAttribute("passkeys", passkeys.list(user.accountId()).stream()
                .map(p -> new PasskeyRow(p.id(), p.name(), day.format(p.createdAt()),
                        p.lastUsedAt() == null ? null : day.format(p.lastUsedAt()), p.flagged()))
                .toList());
        String passkeyBlocked = policy.methods(user.accountId()).isEmpty() ? "passkey.settings.otherFirst"
                : passkeys.count(user.accountId()) >= passkeys.limit() ? "passkey.settings.full" : null;
        model.addAttribute("passkeyBlocked", passkeyBlocked);
        model.addAttribute("passkeyLimit", passkeys.limit());
        model.addAttribute("mayAddPasskey", passkeyBlocked == null);
        model.addAttribute("passkeyCheckDays", passkeySettings.checkEvery(organizationId).toDays());
        model.addAttribute("passkeyName", remembered.describe(request.getHeader("User-Agent")));
        model.addAttribute("browsers", remembered.list(user.accountId()).stream()
                .map(b -> new Browser(b.id(), b.description().isEmpty() ? "?" : b.description(), day.format(b.expiresAt())))
                .toList());
        return "mfa/settings";
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/browsers/{id}/forget")
    String forgetBrowser(@PathVariable String organizationId, @PathVariable UUID id,
            @AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
        if (!remembered.forget(user.accountId(), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("done", "mfa.settings.forgotten");
        return "redirect:/" + organizationId + "/account/second-factor";
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/browsers/forget-all")
    String forgetAllBrowsers(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            RedirectAttributes redirect) {
        remembered.forgetAll(user.accountId());
        redirect.addFlashAttribute("done", "mfa.settings.forgotten");
        return "redirect:/" + organizationId + "/account/second-factor";
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/new-recovery-codes")
    String newRecoveryCodes(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            HttpServletRequest request, Model model) {
        if (!flow.checkedRecently(request.getSession())) {
            return "redirect:/" + organizationId + "/account/second-factor/check";
        }
        model.addAttribute("codes", recoveryCodes.regenerate(user.accountId()));
        notices.tell(user.accountId(), "mfa.notice.newRecoveryCodes");
        return "mfa/settings-codes";
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/remove-app")
    String removeApp(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            HttpServletRequest request, RedirectAttributes redirect) {
        if (!flow.checkedRecently(request.getSession())) {
            return "redirect:/" + organizationId + "/account/second-factor/check";
        }
        boolean otherFactor = factors.phone(user.accountId()).isPresent();
        boolean required = policy.requiredFrom(user).filter(date -> !date.isAfter(policy.today())).isPresent();
        if (!otherFactor && required) {
            redirect.addFlashAttribute("problem", "mfa.problem.lastFactor");
            redirect.addFlashAttribute("problemArgs", new Object[] {organizations.get(organizationId).name()});
            return "redirect:/" + organizationId + "/account/second-factor";
        }
        // Removing publishes SecondFactorRemoved: every contact on file is told.
        apps.remove(user.accountId());
        redirect.addFlashAttribute("done", "mfa.settings.appRemoved");
        return "redirect:/" + organizationId + "/account/second-factor";
    }

    // Adding (or replacing) the authenticator app.

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/app")
    String appPage(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            HttpServletRequest request, Model model) {
        if (!flow.checkedRecently(request.getSession())) {
            return "redirect:/" + organizationId + "/account/second-factor/check";
        }
        model.addAttribute("enrolment", apps.startEnrolment(user.accountId()));
        return appView(organizationId, model);
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/app")
    String confirmApp(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            @RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
            Model model, RedirectAttributes redirect) {
        if (!flow.checkedRecently(request.getSession())) {
            return "redirect:/" + organizationId + "/account/second-factor/check";
        }
        HttpSession session = request.getSession();
        if (code.isBlank() || code.length() > MAX_CODE) {
            return refused("mfa.problem.missingAppCode", null, appView(organizationId, model), model, response);
        }
        if (!StepFlow.mayTry(session)) {
            return refused("mfa.problem.tooManyTries", null, appView(organizationId, model), model, response);
        }
        return switch (apps.confirmEnrolment(user.accountId(), code)) {
            case CONFIRMED -> {
                // Confirming publishes SecondFactorAdded: every contact on file is told.
                redirect.addFlashAttribute("done", "mfa.settings.appAdded");
                yield "redirect:/" + organizationId + "/account/second-factor";
            }
            case WRONG_CODE -> {
                StepFlow.wrongTry(session);
                yield refused("mfa.problem.wrongEnrolmentCode", null, appView(organizationId, model), model, response);
            }
            case NOT_PENDING -> refused("mfa.problem.enrolmentExpired", null, appView(organizationId, model), model,
                    response);
        };
    }

    private static String appView(String organizationId, Model model) {
        model.addAttribute("action", "/" + organizationId + "/account/second-factor/app");
        model.addAttribute("back", "/" + organizationId + "/account/second-factor");
        return "mfa/set-up-app";
    }

    // Changing the phone for codes.

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/phone")
    String phonePage(@PathVariable String organizationId, HttpServletRequest request, Model model) {
        if (!flow.checkedRecently(request.getSession())) {
            return "redirect:/" + organizationId + "/account/second-factor/check";
        }
        model.addAttribute("typed", "");
        model.addAttribute("how", "text");
        return "mfa/settings-phone";
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/phone")
    String askNewPhone(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            @RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "text") String how,
            HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        if (!flow.checkedRecently(request.getSession())) {
            return "redirect:/" + organizationId + "/account/second-factor/check";
        }
        model.addAttribute("typed", phone);
        model.addAttribute("how", "call".equals(how) ? "call" : "text");
        if ("call".equals(how)) {
            Optional<PhoneNumber> callable = SecondFactorController.callable(phone);
            if (callable.isEmpty()) {
                return refused(phone.isBlank() ? "mfa.problem.missingAnyPhone" : "mfa.problem.badAnyPhone", null,
                        "mfa/settings-phone", model, response);
            }
            String page = phoneCalls.startPhoneChange(user, callable.get(), request, model, locale);
            if (model.containsAttribute("problem")) {
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            }
            return page;
        }
        PhoneNumber mobile;
        try {
            mobile = PhoneNumber.parse(phone, "US", PhoneKind.MOBILE);
        } catch (InvalidPhoneNumber e) {
            return refused(phone.isBlank() ? "mfa.problem.missingPhone" : "mfa.problem.badPhone", null,
                    "mfa/settings-phone", model, response);
        }
        HttpSession session = request.getSession();
        var sent = texts.send(user.accountId(), StepFlow.attempt(session), Purpose.ENROL, mobile,
                organizations.get(organizationId).name(), locale, request.getRemoteAddr());
        if (!(sent instanceof Sent.Yes)) {
            return refused(sent instanceof Sent.CountryBlocked ? "mfa.problem.countryBlocked"
                    : "mfa.problem.notSent", new Object[] {organizations.get(organizationId).supportPhoneDisplay()},
                    "mfa/settings-phone", model, response);
        }
        session.setAttribute(NEW_PHONE, mobile.e164());
        model.addAttribute("phone", mobile.display());
        return "mfa/settings-phone-confirm";
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/phone/confirm")
    String confirmNewPhone(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            @RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
            Model model, RedirectAttributes redirect) {
        HttpSession session = request.getSession();
        if (!flow.checkedRecently(session) || !(session.getAttribute(NEW_PHONE) instanceof String e164)) {
            return "redirect:/" + organizationId + "/account/second-factor";
        }
        PhoneNumber mobile = new PhoneNumber(e164, PhoneKind.MOBILE);
        model.addAttribute("phone", mobile.display());
        if (code.isBlank() || code.length() > MAX_CODE) {
            return refused("mfa.problem.missingCode", null, "mfa/settings-phone-confirm", model, response);
        }
        return switch (texts.check(StepFlow.attempt(session), Purpose.ENROL, code)) {
            case RIGHT -> {
                // Saving publishes SecondFactorAdded: every contact on file is told, remembered browsers forgotten.
                factors.savePhone(user.accountId(), mobile, policy.now());
                session.removeAttribute(NEW_PHONE);
                redirect.addFlashAttribute("done", "mfa.settings.phoneChanged");
                yield "redirect:/" + organizationId + "/account/second-factor";
            }
            case WRONG -> refused("mfa.problem.wrongCode", new Object[] {texts.triesLeft(StepFlow.attempt(session),
                    Purpose.ENROL)}, "mfa/settings-phone-confirm", model, response);
            case NONE -> refused("mfa.problem.noCode", null, "mfa/settings-phone-confirm", model, response);
        };
    }

    // The check before a change.

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/check")
    String checkPage(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user, Model model) {
        return checkView(user, model);
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/check/text")
    String sendText(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            HttpServletRequest request, RedirectAttributes redirect, Locale locale) {
        Optional<PhoneNumber> phone = factors.phone(user.accountId()).filter(PhoneNumber::canReceiveTexts);
        if (phone.isPresent()) {
            var sent = texts.send(user.accountId(), StepFlow.attempt(request.getSession()), Purpose.SIGN_IN, phone.get(),
                    organizations.get(organizationId).name(), locale, request.getRemoteAddr());
            redirect.addFlashAttribute(sent instanceof Sent.Yes ? "sent" : "notSent", true);
        }
        return "redirect:/" + organizationId + "/account/second-factor/check";
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/check")
    String check(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            @RequestParam(defaultValue = "") String method, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        HttpSession session = request.getSession();
        if (code.isBlank() || code.length() > MAX_CODE) {
            return refused("mfa.problem.missingCode", null, checkView(user, model), model, response);
        }
        if (!StepFlow.mayTry(session)) {
            return refused("mfa.problem.tooManyTries", null, checkView(user, model), model, response);
        }
        FullChecks.How how = switch (method) {
            case "app" -> apps.verify(user.accountId(), code) ? FullChecks.How.AUTHENTICATOR_APP : null;
            case "text" -> texts.check(StepFlow.attempt(session), Purpose.SIGN_IN, code) == TextCodes.Checked.RIGHT
                    ? FullChecks.How.TEXT_MESSAGE : null;
            case "recovery" -> recoveryCodes.use(user.accountId(), code) ? FullChecks.How.RECOVERY_CODE : null;
            default -> null;
        };
        if (how == null) {
            return refused("mfa.problem.wrongCheck", new Object[] {StepFlow.wrongTry(session)}, checkView(user, model),
                    model, response);
        }
        session.removeAttribute(StepFlow.WRONG_TRIES);
        session.removeAttribute(StepFlow.ATTEMPT);
        flow.checked(session, user, how);
        return "redirect:/" + organizationId + "/account/second-factor";
    }

    private String checkView(PortalUser user, Model model) {
        model.addAttribute("app", apps.isEnrolled(user.accountId()));
        model.addAttribute("phone", factors.phone(user.accountId()).map(p -> p.e164().substring(p.e164().length() - 2))
                .orElse(null));
        model.addAttribute("texts", factors.phone(user.accountId()).filter(PhoneNumber::canReceiveTexts).isPresent());
        model.addAttribute("recovery", recoveryCodes.remaining(user.accountId()) > 0);
        return "mfa/settings-check";
    }

    private static String refused(String problem, @Nullable Object[] args, String view, Model model,
            HttpServletResponse response) {
        model.addAttribute("problem", problem);
        model.addAttribute("problemArgs", args);
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return view;
    }
}
