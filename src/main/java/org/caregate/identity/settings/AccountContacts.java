package org.caregate.identity.settings;

import java.util.List;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.identity.ContactPreferences;
import org.caregate.identity.NoticeChannels;
import org.caregate.identity.internal.Accounts;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The contact columns of the account table: e-mail, phone and the person's preferences. */
@Repository
public class AccountContacts {

    private final JdbcClient jdbc;

    AccountContacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account's own contacts, as stored (no fallback to the registry). */
    public record Stored(@Nullable String email, @Nullable PhoneNumber phone, ContactPreferences preferences) {

        @Override
        public String toString() {
            return "Stored[…]";
        }
    }

    public Stored find(AccountId id) {
        return jdbc.sql("""
                SELECT email, phone, phone_kind, notice_channels, preferred_language FROM account WHERE id = ?""")
                .param(id.value())
                .query((rs, row) -> {
                    String phone = rs.getString("phone");
                    String kind = rs.getString("phone_kind");
                    return new Stored(rs.getString("email"),
                            phone == null ? null : new PhoneNumber(phone, kind == null ? PhoneKind.MOBILE : PhoneKind.valueOf(kind)),
                            new ContactPreferences(NoticeChannels.valueOf(rs.getString("notice_channels")),
                                    rs.getString("preferred_language")));
                })
                .optional().orElseThrow(() -> new IllegalArgumentException("No such account"));
    }

    /** Accounts whose username is this (case and width do not matter). */
    public List<AccountId> findByUsername(String username) {
        return ids(jdbc.sql("SELECT id FROM account WHERE username_key = ?").param(Accounts.key(username)));
    }

    /** Accounts whose own phone is this number, in +E.164 form. */
    public List<AccountId> findByPhone(String e164) {
        return ids(jdbc.sql("SELECT id FROM account WHERE phone = ? ORDER BY created_at").param(e164));
    }

    public void changeEmail(AccountId id, String email) {
        jdbc.sql("UPDATE account SET email = ?, email_key = ? WHERE id = ?")
                .params(email, Accounts.key(email), id.value()).update();
    }

    public void changePhone(AccountId id, PhoneNumber phone) {
        jdbc.sql("UPDATE account SET phone = ?, phone_kind = ? WHERE id = ?")
                .params(phone.e164(), phone.kind().name(), id.value()).update();
    }

    public void setPreferences(AccountId id, ContactPreferences preferences) {
        jdbc.sql("UPDATE account SET notice_channels = ?, preferred_language = ? WHERE id = ?")
                .params(preferences.channels().name(), preferences.language(), id.value()).update();
    }

    private static List<AccountId> ids(JdbcClient.StatementSpec statement) {
        return statement.query((rs, row) -> new AccountId(rs.getObject("id", UUID.class))).list();
    }
}
