package org.caregate.record.web;

import java.util.Locale;
import org.caregate.proxy.Area;
import org.caregate.proxy.ForPatient;
import org.caregate.proxy.Viewing;
import org.caregate.record.RecordView;
import org.caregate.record.internal.RecordAccess;
import org.caregate.record.internal.RecordDownloads;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * "Download your record": a page with the two choices, and the two files. The files' names carry
 * only the day they were made: a name or record number in a file name ends up in download lists,
 * e-mail attachments and synced folders.
 */
@Controller
@ConditionalOnWebApplication
class DownloadController {

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

    private final RecordAccess access;
    private final RecordDownloads downloads;

    DownloadController(RecordAccess access, RecordDownloads downloads) {
        this.access = access;
        this.downloads = downloads;
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/record/download")
    String choices(@PathVariable String organizationId, @ForPatient(Area.RECORD) Viewing viewing) {
        return "record/download";
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/record/download/fhir")
    ResponseEntity<byte[]> fhir(@PathVariable String organizationId, @ForPatient(Area.RECORD) Viewing viewing) {
        RecordDownloads.Download download = downloads.fhir(viewing, organizationId);
        access.viewed(viewing, RecordView.DOWNLOAD_FHIR, download.resources());
        return file(download, FHIR_JSON, "json");
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/record/download/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String organizationId, @ForPatient(Area.RECORD) Viewing viewing,
            Locale locale) {
        RecordDownloads.Download download = downloads.pdf(viewing, organizationId, locale);
        access.viewed(viewing, RecordView.DOWNLOAD_PDF, download.resources());
        return file(download, MediaType.APPLICATION_PDF, "pdf");
    }

    private static ResponseEntity<byte[]> file(RecordDownloads.Download download, MediaType type, String extension) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("health-record-" + download.madeOn() + "." + extension).build().toString())
                // Health data: no copy in the browser's cache or a proxy's.
                .cacheControl(CacheControl.noStore())
                .body(download.body());
    }
}
