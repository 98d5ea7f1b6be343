package org.caregate.record.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.caregate.identity.PortalUser;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.record.ImportResult;
import org.caregate.record.RecordImport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * What the import page and the import address share: the size limit, reading a bundle's bytes as
 * text, the import itself, and one log line per attempt. The line names who sent it (the staff
 * account on the page, the app's client id over HTTP), the organisation and the counts; never the
 * bundle, its problems (they quote record numbers) or a name.
 */
@Component
@ConditionalOnWebApplication
class StaffImports {

    private static final Logger log = LoggerFactory.getLogger(StaffImports.class);

    /** How the bundle came: which of the two ways in, for the log. */
    enum Way { HTTP, UPLOAD_PAGE }

    /** Who sent the bundle, as the log names them. */
    record Importer(String described) {

        static Importer staff(PortalUser staff) {
            return new Importer("staff account " + staff.accountId());
        }

        /** A backend app, by its client id (an administrator chose it; it is neither secret nor a person's). */
        static Importer app(String clientId) {
            return new Importer("app " + clientId);
        }
    }

    /** The bundle is larger than the limit. */
    static final class TooLarge extends Exception {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** The bundle's bytes are not UTF-8 text. */
    static final class NotUtf8 extends Exception {
        NotUtf8() {
            super(null, null, false, false);
        }
    }

    private final RecordImport imports;
    private final Organizations organizations;
    private final DataSize limit;

    StaffImports(RecordImport imports, Organizations organizations,
            @Value("${caregate.record.import-max-bytes:50MB}") DataSize limit) {
        this.imports = imports;
        this.organizations = organizations;
        this.limit = limit;
    }

    DataSize limit() {
        return limit;
    }

    /** The limit in words: "50 MB". */
    String limitText() {
        long bytes = limit.toBytes();
        if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return limit.toMegabytes() + " MB";
        }
        return bytes % DataSize.ofKilobytes(1).toBytes() == 0 ? limit.toKilobytes() + " KB" : bytes + " bytes";
    }

    boolean tooLarge(long declaredBytes) {
        return declaredBytes > limit.toBytes();
    }

    Optional<Organization> organization(@Nullable String id) {
        return id == null || id.isBlank() ? Optional.empty() : organizations.find(id);
    }

    /** Reads at most the limit, whatever length the sender declared; UTF-8 strictly, without a byte-order mark. */
    String read(InputStream body) throws IOException, TooLarge, NotUtf8 {
        byte[] bytes = body.readNBytes(Math.toIntExact(Math.min(limit.toBytes() + 1, Integer.MAX_VALUE - 8)));
        if (bytes.length > limit.toBytes()) {
            throw new TooLarge();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new NotUtf8();
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    ImportResult importBundle(Importer importer, Organization organization, String bundleJson, Way way) {
        ImportResult result;
        try {
            result = imports.importBundle(organization.id(), bundleJson);
        } catch (RuntimeException e) {
            // The error itself is logged once, with its reference, by the web shell; its message may quote the bundle.
            log.info("Record import by {} for {} ({}): failed, nothing stored", importer.described(),
                    organization.id(), way);
            throw e;
        }
        switch (result) {
            case ImportResult.Imported imported -> log.info(
                    "Record import by {} for {} ({}): imported; created {}, updated {}, unchanged {}, "
                            + "patients matched {}",
                    importer.described(), organization.id(), way, imported.count(ImportResult.Outcome.CREATED),
                    imported.count(ImportResult.Outcome.UPDATED), imported.count(ImportResult.Outcome.UNCHANGED),
                    imported.patients().size());
            case ImportResult.Refused refused -> log.info(
                    "Record import by {} for {} ({}): refused, nothing stored; problems {}",
                    importer.described(), organization.id(), way, refused.problems().getIssue().size());
        }
        return result;
    }

    /** Logs an attempt refused before the import looked at it; {@code why} is ours, never the request's words. */
    void refusedBefore(Importer importer, @Nullable Organization organization, String why, Way way) {
        log.info("Record import by {} for {} ({}): refused, nothing stored; {}", importer.described(),
                organization == null ? "no known organisation" : organization.id(), way, why);
    }
}
