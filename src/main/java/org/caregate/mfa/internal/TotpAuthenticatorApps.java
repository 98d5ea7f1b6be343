package org.caregate.mfa.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalLong;
import org.caregate.identity.Account;
import org.caregate.identity.AccountId;
import org.caregate.identity.AccountManagement;
import org.caregate.mfa.AuthenticatorApps;
import org.caregate.mfa.AuthenticatorEnrolment;
import org.caregate.mfa.EnrolmentConfirmation;
import org.caregate.mfa.SecondFactorAdded;
import org.caregate.mfa.SecondFactorKind;
import org.caregate.mfa.SecondFactorRemoved;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link AuthenticatorApps} with seeds sealed by {@link SeedCipher} in {@link Authenticators}. */
@Service
class TotpAuthenticatorApps implements AuthenticatorApps {

    /** 160 bits, as RFC 4226 recommends for HMAC-SHA1. */
    static final int SEED_BYTES = 20;

    private final Authenticators authenticators;
    private final SeedCipher cipher;
    private final QrCodes qrCodes;
    private final AccountManagement accounts;
    private final MfaSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TotpAuthenticatorApps(Authenticators authenticators, SeedCipher cipher, QrCodes qrCodes,
            AccountManagement accounts, MfaSettings settings, ApplicationEventPublisher events, Clock clock) {
        this.authenticators = authenticators;
        this.cipher = cipher;
        this.qrCodes = qrCodes;
        this.accounts = accounts;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public AuthenticatorEnrolment startEnrolment(AccountId accountId) {
        Account account = accounts.find(accountId)
                .orElseThrow(() -> new IllegalArgumentException("No account " + accountId));
        byte[] seed = new byte[SEED_BYTES];
        random.nextBytes(seed);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.enrolmentLifetime());
        authenticators.savePending(accountId, cipher.seal(seed, accountId), now, expiresAt);
        String secret = Base32.encode(seed);
        Arrays.fill(seed, (byte) 0);
        String uri = uri(settings.issuer(), account.username(), secret);
        return new AuthenticatorEnrolment(uri, Base32.grouped(secret), qrCodes.svgDataUri(uri), expiresAt);
    }

    /** The Key URI Format authenticator apps read from the QR code. */
    static String uri(String issuer, String username, String secret) {
        String encodedIssuer = encode(issuer);
        return "otpauth://totp/" + encodedIssuer + ":" + encode(username) + "?secret=" + secret + "&issuer="
                + encodedIssuer + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.PERIOD_SECONDS;
    }

    private static String encode(String text) {
        // RFC 3986 percent-encoding: apps show "+" literally, so spaces must be %20.
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    @Transactional
    public EnrolmentConfirmation confirmEnrolment(AccountId accountId, String typedCode) {
        Instant now = clock.instant();
        var pending = authenticators.pending(accountId, now);
        if (pending.isEmpty()) {
            return EnrolmentConfirmation.NOT_PENDING;
        }
        String digits = Totp.normalise(typedCode);
        if (digits == null) {
            return EnrolmentConfirmation.WRONG_CODE;
        }
        OptionalLong step = matchingStep(pending.get(), digits, now);
        if (step.isEmpty()) {
            return EnrolmentConfirmation.WRONG_CODE;
        }
        if (!authenticators.confirm(pending.get(), step.getAsLong(), now)) {
            return EnrolmentConfirmation.NOT_PENDING;
        }
        events.publishEvent(new SecondFactorAdded(accountId, SecondFactorKind.AUTHENTICATOR_APP, now));
        return EnrolmentConfirmation.CONFIRMED;
    }

    @Override
    public boolean verify(AccountId accountId, String typedCode) {
        String digits = Totp.normalise(typedCode);
        if (digits == null) {
            return false;
        }
        var working = authenticators.working(accountId);
        if (working.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        OptionalLong step = matchingStep(working.get(), digits, now);
        // The read above may be stale; the compare-and-set decides, so a step is accepted once.
        return step.isPresent() && authenticators.markUsed(working.get().id(), step.getAsLong(), now);
    }

    private OptionalLong matchingStep(Authenticators.Stored authenticator, String digits, Instant now) {
        byte[] seed = cipher.open(authenticator.sealedSeed(), authenticator.account());
        try {
            return Totp.matchingStep(seed, digits, now, authenticator.lastUsedStep());
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    @Override
    public boolean isEnrolled(AccountId accountId) {
        return authenticators.hasWorking(accountId);
    }

    @Override
    @Transactional
    public boolean remove(AccountId accountId) {
        boolean removed = authenticators.removeAll(accountId);
        if (removed) {
            events.publishEvent(new SecondFactorRemoved(accountId, SecondFactorKind.AUTHENTICATOR_APP, clock.instant()));
        }
        return removed;
    }
}
