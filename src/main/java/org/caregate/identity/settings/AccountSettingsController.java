package org.caregate.identity.settings;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.ContactPreferences;
import org.caregate.identity.ContactsOnFile;
import org.caregate.identity.NoticeChannels;
import org.caregate.identity.PasswordChanged;
import org.caregate.identity.PortalUser;
import org.caregate.identity.password.PasswordCheck;
import org.caregate.identity.recovery.NewPasswords;
import org.caregate.identity.recovery.OneTimeCodes;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.patient.InvalidPhoneNumber;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /{org}/account}: a signed-in patient changes their password, e-mail address, phone and
 * contact preferences. The security rules let only patients in; the portal guard keeps them on their
 * own organisation's pages.
 */
@Controller
@ConditionalOnWebApplication
class AccountSettingsController {

    static final String SESSION_TOKEN = "caregate.account.contactSession";
    static final String PASSWORD_TRIES = "caregate.account.passwordTries";

    private static final String ORG = "/{organizationId:[a-z][a-z0-9-]+}/account";
    private static final int MAX_EMAIL = 254;
    private static final int MAX_FIELD = 1024;

    private final AccountManagement accounts;
    private final ContactChanges changes;
    private final NewPasswords newPasswords;
    private final OneTimeCodes codes;
    private final Organizations organizations;
    private final AccountSettings settings;

    AccountSettingsController(AccountManagement accounts, ContactChanges changes, NewPasswords newPasswords,
            OneTimeCodes codes, Organizations organizations, AccountSettings settings) {
        this.accounts = accounts;
        this.changes = changes;
        this.newPasswords = newPasswords;
        this.codes = codes;
        this.organizations = organizations;
        this.settings = settings;
    }

    @GetMapping(ORG)
    String overview(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user, Model model) {
        Account account = account(user);
        ContactsOnFile contacts = accounts.contactsOnFile(user.accountId());
        model.addAttribute("account", account);
        model.addAttribute("contacts", contacts);
        return "identity/account";
    }

    // --- Password ---

    @GetMapping(ORG + "/password")
    String passwordPage(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user) {
        return "identity/account-password";
    }

    @PostMapping(ORG + "/password")
    String changePassword(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            @RequestParam(defaultValue = "") String current, @RequestParam(defaultValue = "") String password,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Organization organization = organizations.get(organizationId);
        HttpSession session = request.getSession();
        int tries = session.getAttribute(PASSWORD_TRIES) instanceof Integer n ? n : 0;
        if (tries >= settings.passwordTriesPerSession()) {
            model.addAttribute("problemArgs", new Object[] {organization.supportPhoneDisplay()});
            return refused("identity/account-password", "account.problem.passwordTriesUsed", model, response);
        }
        if (current.isEmpty() || password.isEmpty() || current.length() > MAX_FIELD) {
            return refused("identity/account-password", "account.problem.missingPasswords", model, response);
        }
        if (!accounts.passwordMatches(user.accountId(), current)) {
            session.setAttribute(PASSWORD_TRIES, tries + 1);
            return refused("identity/account-password", "account.problem.wrongCurrent", model, response);
        }
        PasswordCheck check = newPasswords.check(password, account(user));
        if (!check.acceptable()) {
            model.addAttribute("passwordCheck", check);
            return refused("identity/account-password", "account.problem.weakPassword", model, response);
        }
        session.removeAttribute(PASSWORD_TRIES);
        accounts.setPassword(user.accountId(), password, PasswordChanged.How.CHANGED);
        redirect.addFlashAttribute("saved", "account.saved.password");
        return "redirect:/" + organizationId + "/account";
    }

    // --- E-mail ---

    @GetMapping(ORG + "/email")
    String emailPage(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user) {
        return "identity/account-email";
    }

    @PostMapping(ORG + "/email")
    String newEmail(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            @RequestParam(defaultValue = "") String email, HttpServletRequest request, HttpServletResponse response,
            Model model, Locale locale) {
        Organization organization = organizations.get(organizationId);
        String typed = email.strip();
        model.addAttribute("email", typed);
        if (typed.isEmpty() || typed.length() > MAX_EMAIL || !typed.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            return refused("identity/account-email", "account.problem.notEmail", model, response);
        }
        if (!changes.startEmail(user.accountId(), token(request), typed, organization, locale)) {
            return tooMany("identity/account-email", organization, model, response);
        }
        return "redirect:/" + organizationId + "/account/email/confirm";
    }

    @GetMapping(ORG + "/email/confirm")
    String confirmEmailPage(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            HttpServletRequest request, Model model) {
        if (!changes.waiting(user.accountId(), token(request), ContactConfirmations.Kind.EMAIL)) {
            return "redirect:/" + organizationId + "/account/email";
        }
        return confirmPage("email", model);
    }

    @PostMapping(ORG + "/email/confirm")
    String confirmEmail(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            @RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
            Model model, RedirectAttributes redirect, Locale locale) {
        confirmPage("email", model);
        if (code.isBlank() || code.length() > 40) {
            return refused("identity/account-confirm", "account.problem.missingCode", model, response);
        }
        return confirmed(changes.confirmEmail(user.accountId(), token(request), code, locale), "account.saved.email",
                organizationId, model, response, redirect);
    }

    // --- Phone ---

    @GetMapping(ORG + "/phone")
    String phonePage(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user, Model model) {
        model.addAttribute("kind", "MOBILE");
        return "identity/account-phone";
    }

    @PostMapping(ORG + "/phone")
    String newPhone(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            @RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "") String kind,
            HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Organization organization = organizations.get(organizationId);
        model.addAttribute("phone", phone);
        model.addAttribute("kind", kind);
        if (!kind.equals("MOBILE") && !kind.equals("LANDLINE")) {
            return refused("identity/account-phone", "account.problem.missingKind", model, response);
        }
        PhoneNumber number;
        try {
            if (phone.isBlank() || phone.length() > 40) {
                throw new InvalidPhoneNumber("blank");
            }
            number = PhoneNumber.parse(phone, "US", PhoneKind.valueOf(kind));
        } catch (InvalidPhoneNumber e) {
            return refused("identity/account-phone", kind.equals("MOBILE") && isNumber(phone, PhoneKind.LANDLINE)
                    ? "account.problem.notMobile" : "account.problem.notPhone", model, response);
        }
        if (!changes.startPhone(user.accountId(), token(request), number, organization, locale)) {
            return tooMany("identity/account-phone", organization, model, response);
        }
        return "redirect:/" + organizationId + "/account/phone/confirm";
    }

    @GetMapping(ORG + "/phone/confirm")
    String confirmPhonePage(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            HttpServletRequest request, Model model) {
        if (!changes.waiting(user.accountId(), token(request), ContactConfirmations.Kind.PHONE)) {
            return "redirect:/" + organizationId + "/account/phone";
        }
        return confirmPage("phone", model);
    }

    @PostMapping(ORG + "/phone/confirm")
    String confirmPhone(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            @RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
            Model model, RedirectAttributes redirect, Locale locale) {
        confirmPage("phone", model);
        if (code.isBlank() || code.length() > 40) {
            return refused("identity/account-confirm", "account.problem.missingCode", model, response);
        }
        return confirmed(changes.confirmPhone(user.accountId(), token(request), code, locale), "account.saved.phone",
                organizationId, model, response, redirect);
    }

    // --- Preferences ---

    @GetMapping(ORG + "/preferences")
    String preferencesPage(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user, Model model,
            Locale locale) {
        ContactPreferences preferences = accounts.contactsOnFile(user.accountId()).preferences();
        model.addAttribute("channels", preferences.channels().name());
        model.addAttribute("language", preferences.locale(locale).getLanguage());
        return "identity/account-preferences";
    }

    @PostMapping(ORG + "/preferences")
    String savePreferences(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            @RequestParam(defaultValue = "") String channels, @RequestParam(defaultValue = "") String language,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        model.addAttribute("channels", channels);
        model.addAttribute("language", language);
        NoticeChannels chosen;
        try {
            chosen = NoticeChannels.valueOf(channels);
        } catch (IllegalArgumentException e) {
            return refused("identity/account-preferences", "account.problem.missingChannels", model, response);
        }
        if (!ContactPreferences.LANGUAGES.contains(language)) {
            return refused("identity/account-preferences", "account.problem.missingLanguage", model, response);
        }
        ContactsOnFile contacts = accounts.contactsOnFile(user.accountId());
        if (chosen.text() && contacts.mobile() == null) {
            return refused("identity/account-preferences", "account.problem.noMobile", model, response);
        }
        if (chosen.email() && contacts.email() == null) {
            return refused("identity/account-preferences", "account.problem.noEmail", model, response);
        }
        accounts.setContactPreferences(user.accountId(), new ContactPreferences(chosen, language));
        redirect.addFlashAttribute("saved", "account.saved.preferences");
        return "redirect:/" + organizationId + "/account";
    }

    private String confirmed(ContactChanges.Confirmed outcome, String saved, String organizationId, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        return switch (outcome) {
            case ContactChanges.Confirmed.Changed changed -> {
                redirect.addFlashAttribute("saved", saved);
                yield "redirect:/" + organizationId + "/account";
            }
            case ContactChanges.Confirmed.Wrong wrong -> {
                model.addAttribute("problemArgs", new Object[] {wrong.triesLeft()});
                yield refused("identity/account-confirm", "account.problem.wrongCode", model, response);
            }
            case ContactChanges.Confirmed.NoCode none -> {
                model.addAttribute("noCode", true);
                yield refused("identity/account-confirm", "account.problem.noCode", model, response);
            }
        };
    }

    private String confirmPage(String what, Model model) {
        model.addAttribute("what", what);
        model.addAttribute("minutes", settings.confirmationCodeLifetime().toMinutes());
        return "identity/account-confirm";
    }

    private Account account(PortalUser user) {
        return accounts.find(user.accountId()).orElseThrow(() -> new IllegalStateException("Signed-in account missing"));
    }

    /** This session's token, which binds confirmation codes to it; made on first use. */
    private String token(HttpServletRequest request) {
        HttpSession session = request.getSession();
        if (session.getAttribute(SESSION_TOKEN) instanceof String token) {
            return token;
        }
        String token = codes.sessionToken();
        session.setAttribute(SESSION_TOKEN, token);
        return token;
    }

    private static boolean isNumber(String phone, PhoneKind kind) {
        try {
            PhoneNumber.parse(phone, "US", kind);
            return true;
        } catch (InvalidPhoneNumber e) {
            return false;
        }
    }

    private static String tooMany(String view, Organization organization, Model model, HttpServletResponse response) {
        model.addAttribute("problem", "account.problem.tooManyCodes");
        model.addAttribute("problemArgs", new Object[] {organization.supportPhoneDisplay()});
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        return view;
    }

    private static String refused(String view, String problem, Model model, HttpServletResponse response) {
        model.addAttribute("problem", problem);
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return view;
    }
}
