package org.caregate.identity.activation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.ActivationCodeNotIssued;
import org.caregate.identity.ActivationCodeNotIssued.Reason;
import org.caregate.identity.ActivationCodes;
import org.caregate.identity.IssuedCode;
import org.caregate.identity.PortalUser;
import org.caregate.notify.Notifications;
import org.caregate.notify.OutgoingMessage;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientId;
import org.caregate.patient.PatientRegistry;
import org.caregate.patient.PhoneNumber;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issues activation codes, retiring the previous one, and sends them or hands them over for a letter. */
@Service
class CodeIssuer implements ActivationCodes {

    private final IssuedCodes codes;
    private final CodeHasher hasher;
    private final CodeAlphabet alphabet;
    private final PatientRegistry registry;
    private final AccountManagement accounts;
    private final Organizations organizations;
    private final Notifications notifications;
    private final MessageSource messages;
    private final ActivationSettings settings;
    private final Clock clock;
    private final String publicBaseUrl;
    private final ZoneId displayZone;

    CodeIssuer(IssuedCodes codes, CodeHasher hasher, CodeAlphabet alphabet, PatientRegistry registry,
            AccountManagement accounts, Organizations organizations, Notifications notifications, MessageSource messages,
            ActivationSettings settings, Clock clock, @Value("${caregate.public-base-url:}") String publicBaseUrl,
            @Value("${caregate.session.display-zone:America/Chicago}") ZoneId displayZone) {
        this.codes = codes;
        this.hasher = hasher;
        this.alphabet = alphabet;
        this.registry = registry;
        this.accounts = accounts;
        this.organizations = organizations;
        this.notifications = notifications;
        this.messages = messages;
        this.settings = settings;
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl;
        this.displayZone = displayZone;
    }

    @Override
    @Transactional
    public IssuedCode issue(PatientId patientId, String organizationId, Delivery delivery) {
        Organization organization = organizations.get(organizationId);
        Patient patient = registry.find(patientId)
                .filter(p -> p.recordNumberAt(organizationId).isPresent())
                .orElseThrow(() -> new ActivationCodeNotIssued(Reason.NOT_AT_ORGANIZATION));
        if (accounts.findByPatient(patientId).isPresent()) {
            throw new ActivationCodeNotIssued(Reason.HAS_ACCOUNT);
        }
        PhoneNumber mobile = patient.mobile().orElse(null);
        if (delivery == Delivery.EMAIL && patient.email() == null) {
            throw new ActivationCodeNotIssued(Reason.NO_EMAIL_ON_FILE);
        }
        if (delivery == Delivery.TEXT && mobile == null) {
            throw new ActivationCodeNotIssued(Reason.NO_MOBILE_ON_FILE);
        }
        Instant now = clock.instant();
        Instant expires = now.plus(settings.lifetime());
        String code = alphabet.randomCode(CodeAlphabet.ACTIVATION_LENGTH);
        codes.retireWorking(patientId, organizationId, now);
        codes.insert(UUID.randomUUID(), patientId, organizationId, hasher.hash(code), delivery, issuer(), now, expires);
        String grouped = CodeAlphabet.grouped(code);
        return switch (delivery) {
            case LETTER -> new IssuedCode(grouped, expires, delivery, null);
            case EMAIL -> {
                String email = patient.email();
                Locale locale = Locale.forLanguageTag(patient.preferredLanguage());
                Object[] args = arguments(organization, grouped, expires, locale);
                notifications.queue(OutgoingMessage.email(email,
                        messages.getMessage("signup.mail.activation.subject", args, locale),
                        messages.getMessage("signup.mail.activation.body", args, locale)));
                yield new IssuedCode(null, expires, delivery, maskedEmail(email));
            }
            case TEXT -> {
                Locale locale = Locale.forLanguageTag(patient.preferredLanguage());
                notifications.queue(OutgoingMessage.text(mobile.e164(), messages.getMessage("signup.text.activation",
                        arguments(organization, grouped, expires, locale), locale)));
                yield new IssuedCode(null, expires, delivery, mobile.masked());
            }
        };
    }

    @Override
    public boolean hasWorkingCode(PatientId patient, String organizationId) {
        return codes.hasWorking(patient, organizationId, clock.instant());
    }

    /** The sign-up page's full address, e.g. {@code https://portal.example.org/clinic/sign-up}. */
    String signUpAddress(Organization organization) {
        return publicBaseUrl.replaceAll("/+$", "") + "/" + organization.id() + "/sign-up";
    }

    /** The expiry as a date people read, in the portal's display zone. */
    String expiryDate(Instant expires, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(expires.atZone(displayZone));
    }

    private Object[] arguments(Organization organization, String code, Instant expires, Locale locale) {
        return new Object[] {organization.name(), code, expiryDate(expires, locale), signUpAddress(organization),
                organization.supportPhoneDisplay()};
    }

    /** The signed-in staff member who asked, or nobody (the EHR, the demo). */
    private static @Nullable AccountId issuer() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof PortalUser user ? user.accountId() : null;
    }

    /** {@code a•••@example.org}: enough for staff to confirm with the patient, not enough to read out. */
    static String maskedEmail(String email) {
        int at = email.indexOf('@');
        return at <= 0 ? "•••" : email.charAt(0) + "•••" + email.substring(at);
    }
}
