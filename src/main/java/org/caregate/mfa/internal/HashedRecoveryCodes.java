package org.caregate.mfa.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.mfa.RecoveryCodes;
import org.caregate.mfa.RecoveryCodesRegenerated;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link RecoveryCodes} in the {@code mfa_recovery_code} table, each kept as SHA-256 of a random
 * 16-byte salt and the code. A slow hash is not needed: a code is 47 random bits, not a password
 * someone chose, and there are only ten per account to check.
 */
@Service
class HashedRecoveryCodes implements RecoveryCodes {

    /** No 0/O, 1/I/L look-alikes and no vowels (no words in a code): 27 characters. */
    static final String ALPHABET = "23456789BCDFGHJKMNPQRSTVWXZ";
    static final int LENGTH = 10;
    static final int COUNT = 10;

    private record Row(UUID id, byte[] salt, byte[] hash) {}

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    HashedRecoveryCodes(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional
    public List<String> regenerate(AccountId account) {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM mfa_recovery_code WHERE account_id = ?").param(account.value()).update();
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            String code = randomCode();
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            jdbc.sql("INSERT INTO mfa_recovery_code (id, account_id, salt, hash, created_at) VALUES (?, ?, ?, ?, ?)")
                    .params(UUID.randomUUID(), account.value(), salt, hash(salt, code), Timestamp.from(now)).update();
            codes.add(grouped(code));
        }
        events.publishEvent(new RecoveryCodesRegenerated(account, now));
        return List.copyOf(codes);
    }

    @Override
    public boolean use(AccountId account, String typedCode) {
        String code = normalise(typedCode);
        if (code.length() != LENGTH) {
            return false;
        }
        List<Row> unused = jdbc.sql("SELECT id, salt, hash FROM mfa_recovery_code WHERE account_id = ? AND used_at IS NULL")
                .param(account.value())
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getBytes("salt"), rs.getBytes("hash")))
                .list();
        UUID match = null;
        for (Row row : unused) {
            // Every row is checked, matched or not, so the time taken says nothing about which matched.
            if (MessageDigest.isEqual(hash(row.salt(), code), row.hash()) && match == null) {
                match = row.id();
            }
        }
        if (match == null) {
            return false;
        }
        // Only one of two concurrent uses finds the code still unused.
        return jdbc.sql("UPDATE mfa_recovery_code SET used_at = ? WHERE id = ? AND used_at IS NULL")
                .params(Timestamp.from(clock.instant()), match).update() == 1;
    }

    @Override
    public int remaining(AccountId account) {
        return jdbc.sql("SELECT count(*) FROM mfa_recovery_code WHERE account_id = ? AND used_at IS NULL")
                .param(account.value()).query(Integer.class).single();
    }

    private String randomCode() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** {@code K7QM-3FXP-9T}: groups of four for reading and writing down. */
    static String grouped(String code) {
        return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8);
    }

    /** What a person typed, as the code it means: case, spaces and dashes do not matter. */
    static String normalise(String typed) {
        return typed.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    static byte[] hash(byte[] salt, String code) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return digest.digest(code.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    @Transactional
    public int removeAll(AccountId account) {
        return jdbc.sql("DELETE FROM mfa_recovery_code WHERE account_id = ?").param(account.value()).update();
    }
}
